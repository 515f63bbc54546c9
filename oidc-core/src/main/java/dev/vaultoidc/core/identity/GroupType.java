package dev.vaultoidc.core.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a group's members are managed explicitly or by an auth method at login (spec §4.8). */
public enum GroupType {
    /** Members are set with {@code memberEntityIds}/{@code memberGroupIds}. Vault's default for new groups. */
    INTERNAL,
    /** Members come from an auth method through the group's alias; member lists cannot be set. */
    EXTERNAL;

    /** The value Vault uses on the wire. */
    @JsonValue
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static GroupType fromWire(String value) {
        return value == null ? null : GroupType.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
