/**
 * Internal wiring of oidc-core, in OkHttp's {@code okhttp3.internal} convention: public only because
 * Java has no other way to share it between this library's packages and modules. Not API: it may
 * change in any release, and applications never need to import it. An ArchUnit test keeps every public
 * signature outside {@code ..internal..} free of these types.
 */
package dev.vaultoidc.core.internal;
