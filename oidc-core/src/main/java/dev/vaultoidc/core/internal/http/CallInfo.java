package dev.vaultoidc.core.internal.http;

/**
 * Attached to each request as an OkHttp tag so interceptors know what they are retrying and can
 * name it without parsing URLs (which could carry query parameters).
 */
record CallInfo(String method, String path, boolean idempotent) {}
