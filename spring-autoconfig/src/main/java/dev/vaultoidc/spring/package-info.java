/**
 * Spring Boot auto-configuration for vault-oidc.
 */
package dev.vaultoidc.spring;
