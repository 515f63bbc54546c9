package dev.vaultoidc.openbao;

import org.junit.jupiter.api.Assumptions;

/** The real bao for this module's own tests, under the same skip-or-fail rule as the extension. */
final class TestBinaries {

    private TestBinaries() {}

    static OpenBaoBinary realOrSkip() {
        try {
            return OpenBaoBinary.locate();
        } catch (OpenBaoUnavailableException e) {
            if ("required"
                    .equalsIgnoreCase(String.valueOf(System.getenv(OpenBaoExtension.REQUIRED_ENV))
                            .trim())) {
                throw e;
            }
            Assumptions.abort("bao not installed: " + e.getMessage());
            throw e;
        }
    }
}
