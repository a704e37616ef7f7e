/**
 * The API's types, generated from its OpenAPI document (/api/openapi.json) by
 * tools/api-types.ts with openapi-typescript. Do not edit: change the route schemas
 * (src/<area>/routes.ts) and run `npm run gen:api-types`.
 */

export interface paths {
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sign-up: a 6-digit code is mailed to the address (the same answer whether or not it has an account)
         * @description Always 202 for a valid request. A new address receives a code to send to /auth/signup/confirm; an address that already has an account receives a mail saying so instead. Weak passwords are refused (400 PASSWORD_TOO_WEAK).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        name: string;
                        /**
                         * @default buyer
                         * @enum {string}
                         */
                        role?: "buyer" | "seller";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "confirmation_sent";
                            email: string;
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "PASSWORD_TOO_WEAK" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CROSS_SITE_REQUEST" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "JSON_REQUIRED" | "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a sign-up with the mailed code: creates the account and starts a session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        code: string;
                        /**
                         * @description cookie: a browser session (httpOnly cookie + CSRF token); token: a bearer token for apps and devices
                         * @default cookie
                         * @enum {string}
                         */
                        session?: "cookie" | "token";
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            csrfToken?: string;
                            token?: string;
                            tokenId?: string;
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "INVALID_CODE" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CROSS_SITE_REQUEST" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "EMAIL_TAKEN";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "JSON_REQUIRED" | "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in: a cookie session for browsers or a bearer token for apps */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        /**
                         * @description cookie: a browser session (httpOnly cookie + CSRF token); token: a bearer token for apps and devices
                         * @default cookie
                         * @enum {string}
                         */
                        session?: "cookie" | "token";
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            csrfToken?: string;
                            token?: string;
                            tokenId?: string;
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INVALID_CREDENTIALS" | "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CROSS_SITE_REQUEST" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "JSON_REQUIRED" | "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session or revoke the bearer token in use */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user and the stores they belong to (401 when signed out) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            stores: components["schemas"]["Membership"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, if anyone: the user and their stores, or user null when signed out (never 401) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionInfo"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/csrf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A fresh CSRF token for the browser session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's live bearer tokens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                id: string;
                                label: string | null;
                                createdAt: number;
                                expiresAt: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Issue a bearer token for an app or device (the caller is already signed in) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            tokenId: string;
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your bearer tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Browse stores */
        get: {
            parameters: {
                query?: {
                    kind?: "marketplace" | "flagship";
                    verified?: "true" | "false";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stores: components["schemas"]["Store"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Open a store (marketplace shop, or flagship store awaiting verification) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                        /** @enum {string} */
                        kind: "marketplace" | "flagship";
                        /** @default  */
                        description?: string;
                        /** @description name and description per locale (zh-CN, en) */
                        texts?: {
                            [key: string]: {
                                name?: string;
                                description?: string;
                            };
                        };
                        /** Format: uri */
                        logoUrl?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "SLUG_TAKEN";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeRef}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One store, by id or slug */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeRef: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change store settings (owner) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string;
                        /** @description merged over the stored texts; an empty text removes it */
                        texts?: {
                            [key: string]: {
                                name?: string;
                                description?: string;
                            };
                        };
                        logoUrl?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/stores/{storeId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of a store (members only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            members: {
                                userId: string;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "staff";
                                addedAt: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite a member by e-mail (owner): a mail with an acceptance token goes to the address
         * @description The same 202 whether or not the address has an account; the invitee accepts with POST /invitations/accept, signed in with that address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /**
                         * @default staff
                         * @enum {string}
                         */
                        role?: "owner" | "staff";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            invited: true;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "staff";
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a store invitation mailed to the caller's own address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            storeId: string;
                            userId: string;
                            /** @enum {string} */
                            role: "owner" | "staff";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ALREADY_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (owner) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CANNOT_REMOVE_OWNER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stores/{storeId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a flagship store, or withdraw its badge (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        verified: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Store"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FLAGSHIP";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store's products (drafts too, for its members) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            products: components["schemas"]["Product"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a draft product; its options generate one SKU per combination */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the primary title; optional when texts has one */
                        title?: string;
                        /**
                         * @description commission rules may be set per category
                         * @enum {string}
                         */
                        category?: "phones" | "tablets" | "wearables" | "audio" | "computers" | "tv" | "accessories" | "other";
                        /** @default  */
                        description?: string;
                        /** @description title and description per locale (zh-CN, en); the primary title/description are the fallback */
                        texts?: {
                            [key: string]: {
                                title?: string;
                                description?: string;
                            };
                        };
                        /** @default CNY */
                        currency?: string;
                        /** @description default price of every SKU, in minor units (fen) */
                        priceMinor: number;
                        /** @default [] */
                        options?: {
                            name: string;
                            values: string[];
                            texts?: {
                                [key: string]: {
                                    name?: string;
                                    values?: string[];
                                };
                            };
                        }[];
                        /** @default [] */
                        images?: (string)[];
                        skus?: {
                            options: {
                                [key: string]: string;
                            };
                            priceMinor?: number;
                            stock?: number;
                            images?: (string)[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "AMBIGUOUS_OPTION_VALUES" | "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "DUPLICATE_OPTION" | "DUPLICATE_OPTION_VALUE" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "OPTION_TEXTS_MISMATCH" | "TEXT_UNSTORABLE" | "TITLE_MISSING" | "TOO_MANY_SKUS" | "UNKNOWN_COMBINATION" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search published products across all stores */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    storeId?: string;
                    minPriceMinor?: number;
                    maxPriceMinor?: number;
                    inStock?: "true" | "false";
                    sort?: "relevance" | "price_asc" | "price_desc" | "newest" | "popular";
                    cursor?: string;
                    limit?: number;
                    /** @description the language of the texts (else Accept-Language; else the primary texts) */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ProductHit"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CURSOR" | "HOST_MISSING" | "PRICE_RANGE_INVERTED" | "SORT_NEEDS_QUERY" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{productId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product with its SKUs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a product (store members) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        category?: ("phones" | "tablets" | "wearables" | "audio" | "computers" | "tv" | "accessories" | "other") | null;
                        description?: string;
                        /** @description merged over the stored texts; an empty text removes it */
                        texts?: {
                            [key: string]: {
                                title?: string;
                                description?: string;
                            };
                        };
                        /** @description each option's names per locale, in option order (null: none) */
                        optionTexts?: ({
                            [key: string]: {
                                name?: string;
                                values?: string[];
                            };
                        } | null)[];
                        images?: (string)[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "OPTION_TEXTS_MISMATCH" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/products/{productId}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a product */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{productId}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a product off sale (back to draft) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    productId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Product"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/skus/{skuId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a SKU: price, images, stock (absolute) or stockDelta (atomic) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    skuId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        priceMinor?: number;
                        stock?: number;
                        stockDelta?: number;
                        images?: (string)[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sku"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "STOCK_AMBIGUOUS" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_LIMIT" | "STOCK_NEGATIVE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/cart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your cart, grouped by store */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Empty the cart */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cart/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add units of a SKU to the cart */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        skuId: string;
                        /** @default 1 */
                        quantity?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CART_FULL" | "QUANTITY_LIMIT";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cart/items/{skuId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the quantity of a SKU in the cart (0 removes it) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    skuId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quantity: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CART_FULL" | "QUANTITY_LIMIT";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a SKU from the cart */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    skuId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Cart"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CART_FULL" | "QUANTITY_LIMIT";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check out: one order per store, stock taken atomically; retry-safe with Idempotency-Key */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: {
                            recipient: string;
                            phone: string;
                            /**
                             * @description CN: addresses are by China's administrative divisions
                             * @default CN
                             * @enum {string}
                             */
                            country?: "CN";
                            /** @description the province, e.g. 440000 (Guangdong); also what regional analytics group by */
                            provinceCode: string;
                            /** @description a city of that province, e.g. 440300 (Shenzhen) */
                            cityCode: string;
                            /** @description a district of that city, e.g. 440305 (Nanshan) */
                            districtCode: string;
                            line1: string;
                            line2?: string;
                            postalCode?: string;
                        };
                        skuIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkoutId: string;
                            orders: components["schemas"]["Order"][];
                            totalMinor: number;
                            paymentDeadlineAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CART_EMPTY" | "ITEM_UNAVAILABLE" | "MIXED_CURRENCIES" | "NOT_IN_CART" | "OUT_OF_STOCK" | "UNPAID_ORDER_LIMIT" | "UNPAID_UNITS_LIMIT";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "IDEMPOTENCY_KEY_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your orders, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: components["schemas"]["Order"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store's orders (members) */
        get: {
            parameters: {
                query?: {
                    status?: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orders: components["schemas"]["Order"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All orders on the platform, with their stores and buyers (admin) */
        get: {
            parameters: {
                query?: {
                    status?: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminOrderList"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order with its items and timeline */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel before payment (buyer); the stock goes back */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ship a paid order with carrier and tracking number (store) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier: string;
                        trackingNumber: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record delivery reported by the carrier (store) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/confirm-delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The buyer confirms receipt: the order is delivered and completed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/refund-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a refund (buyer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/refund/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse a refund request (store) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay one or more of your pending orders: returns the hosted pay page; retry-safe with Idempotency-Key (one payment per key) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "MIXED_CURRENCIES" | "ORDER_NOT_PAYABLE" | "PAYMENT_DEADLINE_PASSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "IDEMPOTENCY_KEY_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your payments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/refund/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a refund request: all that is left to refund (the order becomes refunded) or amountMinor of it (the order goes back where it was); the money goes back through the provider (store) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            /** @description optional: no body refunds all that is left */
            requestBody: {
                content: {
                    "application/json": {
                        amountMinor?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "NOTHING_TO_REFUND" | "NOT_PAID" | "ORDER_CHANGED" | "PAYMENT_CHANGED" | "REFUND_CHANGED" | "REFUND_EXCEEDS_PAYMENT" | "REFUND_EXCEEDS_REMAINING" | "REFUND_NOT_POSSIBLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{orderId}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order's refunds and where each stands: requested, sent, confirmed or failed (whoever may read the order) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refunds: {
                                id: string;
                                orderId: string;
                                paymentId: string;
                                /** @enum {string} */
                                kind: "order" | "unpayable";
                                amountMinor: number;
                                currency: string;
                                reason: string;
                                /** @enum {string} */
                                status: "requested" | "sent" | "confirmed" | "failed";
                                failureReason: string | null;
                                createdAt: number;
                                updatedAt: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/webhooks/sandbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Webhook for the sandbox gateway (HMAC-SHA256 signed; stale, forged and replayed deliveries are refused) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            received: true;
                            duplicate: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "AMOUNT_MISMATCH" | "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "PAYOUT_MISMATCH" | "REFERENCE_MISMATCH" | "SIGNATURE_INVALID" | "SIGNATURE_MALFORMED" | "SIGNATURE_MISSING" | "TEXT_UNSTORABLE" | "WEBHOOK_MALFORMED" | "WEBHOOK_STALE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNKNOWN_PAYMENT" | "UNKNOWN_PAYOUT" | "UNKNOWN_REFUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ILLEGAL_TRANSITION" | "ORDER_CHANGED" | "PAYMENT_CHANGED" | "PAYOUT_CHANGED" | "REFUND_CHANGED" | "REFUND_EXCEEDS_PAYMENT" | "REFUND_NOT_POSSIBLE" | "WEBHOOK_REPLAYED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All accounts, oldest first (admin) */
        get: {
            parameters: {
                query?: {
                    role?: "buyer" | "seller" | "admin";
                    q?: string;
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                id: string;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                role: "buyer" | "seller" | "admin";
                                createdAt: number;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/security/lockouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent log-in lockouts and the addresses they came from, to spot credential stuffing (admin)
         * @description Every lock the log-in throttle set within the last `hours`: an e-mail locked after repeated failures (with its account when the e-mail has one), or an address refused after failures over many e-mails. `sources` groups them by client address, most lockouts first.
         */
        get: {
            parameters: {
                query?: {
                    hours?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            since: number;
                            lockouts: {
                                /** @enum {string} */
                                scope: "account" | "address";
                                account: string | null;
                                email: string | null;
                                ip: string;
                                failures: number;
                                lockMs: number;
                                at: number;
                            }[];
                            sources: {
                                ip: string;
                                lockouts: number;
                                accounts: number;
                                addressLocked: boolean;
                                lastAt: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rehearsal/buyers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mint buyer accounts with bearer tokens for a launch rehearsal (admin; used by `npm run simulate`) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        count: number;
                        /** @default rehearsal */
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buyers: {
                                id: string;
                                token: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/launches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Schedule a launch (store members); the allotment leaves ordinary stock */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        /** @default  */
                        description?: string;
                        /** @description title and description per locale (zh-CN, en) */
                        texts?: {
                            [key: string]: {
                                title?: string;
                                description?: string;
                            };
                        };
                        startsAt: number;
                        endsAt: number;
                        /** @default false */
                        registrationRequired?: boolean;
                        registrationOpensAt?: number;
                        /** @default 1 */
                        perBuyerLimit?: number;
                        /** @default 900000 */
                        paymentWindowMs?: number;
                        /**
                         * @default {
                         *       "ratePerSecond": 500,
                         *       "maxActive": 5000,
                         *       "passTtlMs": 120000
                         *     }
                         */
                        admission?: {
                            /** @default 500 */
                            ratePerSecond?: number;
                            /** @default 5000 */
                            maxActive?: number;
                            /** @default 120000 */
                            passTtlMs?: number;
                        };
                        /**
                         * @description leading zero bits of proof of work asked on join; 0 = off
                         * @default 0
                         */
                        powDifficulty?: number;
                        items: {
                            /** Format: uuid */
                            skuId: string;
                            allotment: number;
                            launchPriceMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Launch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "DUPLICATE_SKU" | "EMPTY_JSON_BODY" | "ENDS_BEFORE_START" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "REGISTRATION_AFTER_START" | "REGISTRATION_WINDOW_MISSING" | "SKU_NOT_IN_STORE" | "STARTS_IN_PAST" | "TEXT_UNSTORABLE" | "TOO_LONG" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INSUFFICIENT_STOCK";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Launches: upcoming and live (default), or all of one store; with productId, those selling that product */
        get: {
            parameters: {
                query?: {
                    storeId?: string;
                    productId?: string;
                    include?: "current" | "all";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            launches: components["schemas"]["Launch"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One launch with live availability and the server clock */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Launch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause admissions and reservations (store members) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Launch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ALREADY_PAUSED" | "LAUNCH_ENDED" | "NOT_PAUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused launch (store members) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Launch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ALREADY_PAUSED" | "LAUNCH_ENDED" | "NOT_PAUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Call off a launch before its start; the allotment returns to stock */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Launch"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LAUNCH_CANCELLED" | "LAUNCH_CHANGED" | "LAUNCH_STARTED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register for a launch before it starts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            registered: true;
                            registeredCount: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LAUNCH_ENDED" | "REGISTRATION_CLOSED" | "REGISTRATION_FULL" | "REGISTRATION_NOT_OPEN";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LEDGER_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A proof-of-work challenge (for launches that ask one on join) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenge: string;
                            difficulty: number;
                            expiresAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your place in line; the admission pass once admitted */
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["QueueStatus"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_EXPIRED" | "PASS_EXPIRED" | "QUEUE_TOKEN_EXPIRED" | "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_INVALID" | "PASS_INVALID" | "QUEUE_TOKEN_INVALID";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Join the waiting room (once per buyer); returns a signed queue token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        challenge?: string;
                        solution?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queueToken: string;
                            status: components["schemas"]["QueueStatus"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "POW_INSUFFICIENT" | "POW_REQUIRED" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_EXPIRED" | "PASS_EXPIRED" | "QUEUE_TOKEN_EXPIRED" | "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_INVALID" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_REGISTERED" | "PASS_INVALID" | "QUEUE_TOKEN_INVALID" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LAUNCH_ENDED" | "QUEUE_FULL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LEDGER_UNAVAILABLE" | "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/queue/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: your queue status on every change and at least every 2 s (an `error` event carries the one error shape; ACCESS_ENDED ends the stream) */
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_EXPIRED" | "PASS_EXPIRED" | "QUEUE_TOKEN_EXPIRED" | "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_INVALID" | "PASS_INVALID" | "QUEUE_TOKEN_INVALID";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reserve: needs an admission pass (x-admission-pass) and an Idempotency-Key; acknowledged once durable */
        post: {
            parameters: {
                query?: never;
                header: {
                    "x-admission-pass": string;
                    "idempotency-key": string;
                };
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        skuId: string;
                        /** @default 1 */
                        quantity?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Hold"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_EXPIRED" | "PASS_EXPIRED" | "QUEUE_TOKEN_EXPIRED" | "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CHALLENGE_INVALID" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_REGISTERED" | "PASS_INVALID" | "QUEUE_TOKEN_INVALID" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND" | "SKU_NOT_IN_LAUNCH";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "LAUNCH_ENDED" | "LAUNCH_NOT_STARTED" | "LAUNCH_PAUSED" | "LIMIT_REACHED" | "NOT_ENOUGH_UNITS" | "SOLD_OUT";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "IDEMPOTENCY_KEY_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "RATE_LIMITED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOLD_PENDING" | "LAUNCH_HALTED" | "LEDGER_UNAVAILABLE" | "QUEUE_UNAVAILABLE" | "STOCK_REBUILT" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your reservations, newest first */
        get: {
            parameters: {
                query?: {
                    launchId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            holds: components["schemas"]["Hold"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds/{holdId}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay a reservation: it becomes an order with the same deadline; returns the hosted pay page; retry-safe with Idempotency-Key (one payment per key) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    holdId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: {
                            recipient: string;
                            phone: string;
                            /**
                             * @description CN: addresses are by China's administrative divisions
                             * @default CN
                             * @enum {string}
                             */
                            country?: "CN";
                            /** @description the province, e.g. 440000 (Guangdong); also what regional analytics group by */
                            provinceCode: string;
                            /** @description a city of that province, e.g. 440300 (Shenzhen) */
                            cityCode: string;
                            /** @description a district of that city, e.g. 440305 (Nanshan) */
                            districtCode: string;
                            line1: string;
                            line2?: string;
                            postalCode?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hold: components["schemas"]["Hold"];
                            order: components["schemas"]["Order"];
                            payment: components["schemas"]["Payment"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOLD_CHANGED" | "HOLD_NOT_PAYABLE" | "MIXED_CURRENCIES" | "ORDER_NOT_PAYABLE" | "PAYMENT_DEADLINE_PASSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "IDEMPOTENCY_KEY_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The launch's verifiable draw: commitment, revealed seed, frozen entrants and the line (anyone; docs/draw.md) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchDraw"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your receipt for a pre-queue place: your ticket (a pseudonym only you are shown) and your arrival number */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DrawReceipt"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/monitor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live counters of a launch (store members) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchMonitor"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/monitor/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The launch's recent seconds: units reserved, paid and returned per second (store members; the monitor's chart on load) */
        get: {
            parameters: {
                query?: {
                    seconds?: number;
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchMonitorHistory"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/monitor/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: live counters once a second (store members; an `error` event carries the one error shape; ACCESS_ENDED ends the stream) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/analytics/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sales and revenue over time (views, orders, units, refunds) per minute, hour or day (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsSales"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sales and revenue over time (views, orders, units, refunds) per minute, hour or day, platform-wide (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsSales"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/analytics/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units and revenue per SKU, best sellers first (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsSkus"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units and revenue per SKU, best sellers first, platform-wide (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsSkus"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/analytics/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Device mix of buyers (distinct) and of transactions (paid orders), with the share from mobile (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsDevices"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Device mix of buyers (distinct) and of transactions (paid orders), with the share from mobile, platform-wide (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsDevices"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Launch funnels (registered → queued → admitted → held → paid) of the launches starting in the range (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsFunnels"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Launch funnels (registered → queued → admitted → held → paid) of the launches starting in the range, platform-wide (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsFunnels"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/analytics/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top regions (province of the shipping address) by revenue (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsRegions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Top regions (province of the shipping address) by revenue, platform-wide (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsRegions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/analytics/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's totals (orders, units, revenue, refunds per currency) and each store's part, over whole days (admin). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description start of the range (inclusive): epoch ms or ISO 8601; default depends on the bucket */
                    from?: string;
                    /** @description end of the range (exclusive): epoch ms or ISO 8601; default now */
                    to?: string;
                    /** @description series bucket; per-SKU, device and region tables are kept per UTC day and widen the range to whole days */
                    bucket?: "minute" | "hour" | "day";
                    /** @description only what happened in this launch */
                    launchId?: string;
                    /** @description only this SKU (sales and SKU tables) */
                    skuId?: string;
                    /** @description most rows of a table */
                    limit?: number;
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsStoreSplit"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LARGE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/analytics/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A launch's funnel with conversion at each step, hold outcomes and refusals (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchFunnel"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/analytics/sellout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A launch's sell-out curve: units held, paid and released per second since the start, and the time to sell out (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                    /** @description coarser steps when the curve is longer */
                    maxPoints?: number;
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchSellout"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/launches/{launchId}/analytics/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How long admitted buyers waited in a launch's queue, bucketed (store members). Add ?format=csv (or send Accept: text/csv) for the table as CSV. */
        get: {
            parameters: {
                query?: {
                    /** @description csv: the table as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    launchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LaunchWaitingTimes"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** China's provinces, or the cities of a province, or the districts of a city (?parent=) */
        get: {
            parameters: {
                query?: {
                    parent?: string;
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            parent: components["schemas"]["Region"] | null;
                            regions: components["schemas"]["Region"][];
                            source: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's balance per currency: payable now, waiting for the return window, being paid out (store members) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                currency: string;
                                /** @description everything owed to the store (negative: the store owes the platform, carried forward) */
                                balanceMinor: number;
                                /** @description payable now: sales past their return window, less refunds and payouts */
                                availableMinor: number;
                                /** @description waiting for delivery plus the return window */
                                pendingMinor: number;
                                inPayoutMinor: number;
                                nextReleaseAt: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's statement for a period: opening and closing balance, sales, commission, refunds, payouts, the balance each day and every line (store members). Add ?format=csv for the lines as CSV. */
        get: {
            parameters: {
                query?: {
                    currency?: string;
                    /** @description start of the period (ms, inclusive); default: 30 days before `to` */
                    from?: number;
                    /** @description end of the period (ms, exclusive); default: now */
                    to?: number;
                    /** @description csv: the lines as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Statement"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "MALFORMED_URL" | "RANGE_TOO_LONG" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's payouts, newest first (store members) */
        get: {
            parameters: {
                query?: {
                    status?: "requested" | "sent" | "paid" | "failed";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payouts: components["schemas"]["Payout"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Pay out the store's payable balance, or part of it, through the payment provider (the store's owner or the admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            /** @description optional: no body pays out all that is payable, in CNY */
            requestBody: {
                content: {
                    "application/json": {
                        /** @default CNY */
                        currency?: string;
                        amountMinor?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payout"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "MALFORMED_URL" | "PAYOUT_AMOUNT_INVALID" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "AMOUNT_EXCEEDS_AVAILABLE" | "ILLEGAL_TRANSITION" | "NOTHING_TO_PAY_OUT" | "PAYOUT_CHANGED" | "PAYOUT_REFERENCE_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stores/{storeId}/commission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The commission the store will be charged on these SKUs at a moment (default now): shown before a launch is scheduled (store members) */
        get: {
            parameters: {
                query: {
                    /** @description comma-separated SKU ids */
                    skuIds: string;
                    at?: number;
                    launchId?: string;
                    /** @description the price to quote on (default: each SKU’s price) */
                    priceMinor?: number;
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            storeKind: "marketplace" | "flagship";
                            at: number;
                            items: {
                                skuId: string;
                                category: string | null;
                                rateBps: number;
                                ruleId: string | null;
                                commissionPerUnitMinor: number;
                                upcoming: {
                                    rateBps: number;
                                    effectiveFrom: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "MALFORMED_URL" | "SKU_NOT_IN_STORE" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_STORE_MEMBER" | "OWNER_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "NOT_FOUND";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "PATH_PARAM_TOO_LONG";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/money/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The operator's view: every store's period and balances, platform revenue and the platform's accounts, all from the ledger (admin). Add ?format=csv for the store rows as CSV. */
        get: {
            parameters: {
                query?: {
                    currency?: string;
                    /** @description start of the period (ms, inclusive); default: 30 days before `to` */
                    from?: number;
                    /** @description end of the period (ms, exclusive); default: now */
                    to?: number;
                    /** @description csv: the lines as CSV (also chosen by Accept: text/csv) */
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MoneyOverview"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_RANGE" | "HOST_MISSING" | "RANGE_TOO_LONG" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every payout, newest first (admin) */
        get: {
            parameters: {
                query?: {
                    status?: "requested" | "sent" | "paid" | "failed";
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payouts: components["schemas"]["Payout"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payouts/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pay out every store whose payable balance reaches the minimum: one payout per store (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description optional: no body pays out CNY balances from PAYOUT_MINIMUM_MINOR */
            requestBody: {
                content: {
                    "application/json": {
                        /** @default CNY */
                        currency?: string;
                        minimumMinor?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            currency: string;
                            payouts: components["schemas"]["Payout"][];
                            totalMinor: number;
                            createdAt: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "PAYOUT_AMOUNT_INVALID" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ACTION_NOT_ALLOWED" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "AMOUNT_EXCEEDS_AVAILABLE" | "ILLEGAL_TRANSITION" | "PAYOUT_CHANGED" | "PAYOUT_REFERENCE_REUSED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/commission-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every commission rule, newest first (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: components["schemas"]["CommissionRule"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a commission rule: a rate per store kind, optionally for one category or launch, from now or later — never earlier (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        storeKind?: "marketplace" | "flagship";
                        /** @enum {string} */
                        category?: "phones" | "tablets" | "wearables" | "audio" | "computers" | "tv" | "accessories" | "other";
                        /** Format: uuid */
                        launchId?: string;
                        /** @description basis points: 100 = 1 % */
                        rateBps: number;
                        /** @description ms; default: now */
                        effectiveFrom?: number;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommissionRule"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "KIND_MISMATCH" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "UNKNOWN_LAUNCH" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "EFFECTIVE_IN_PAST";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your inbox, newest first, with the unread count */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    before?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["InboxItem"][];
                            unread: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark inbox entries read (the given ones, or all) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: string[];
                    } | {
                        /** @enum {boolean} */
                        all: true;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            unread: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notification settings: channels, muted kinds, language */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPreferences"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        /** Change your notification settings (only the fields sent) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: boolean;
                        push?: boolean;
                        /** @enum {string} */
                        locale?: "en" | "zh-CN";
                        muted?: ("registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPreferences"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/push/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's VAPID public key (for PushManager.subscribe) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            publicKey: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register this browser's push subscription (from PushSubscription.toJSON()) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                        keys: {
                            p256dh: string;
                            auth: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            subscribed: true;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "PUSH_ENDPOINT_REFUSED" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/push/subscriptions/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget one of your push subscriptions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            subscribed: false;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn e-mail notifications off with a mail's unsubscribe link (also the one-click List-Unsubscribe-Post) */
        post: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            email: false;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BAD_CONTENT_LENGTH" | "BAD_REQUEST" | "BAD_TOKEN" | "EMPTY_JSON_BODY" | "HOST_MISSING" | "MALFORMED_JSON" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "BODY_TOO_LARGE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNSUPPORTED_MEDIA_TYPE";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What was sent, or would be (no SMTP_URL), by e-mail and push: newest first (admin) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether e-mail goes to an SMTP server (SMTP_URL) or only to the log */
                            smtp: boolean;
                            deliveries: {
                                notificationId: string;
                                /** @enum {string} */
                                channel: "email" | "push";
                                status: string;
                                reason: string | null;
                                to: string;
                                /** @enum {string} */
                                kind: "registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low";
                                title: string;
                                body: string;
                                createdAt: number;
                                sentAt: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "HOST_MISSING" | "TEXT_UNSTORABLE" | "VALIDATION_FAILED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "UNAUTHENTICATED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "ROLE_REQUIRED";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {string} */
                                code: "INTERNAL";
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorInput: {
            error: {
                /**
                 * @description VALIDATION_FAILED (400): A path, query, header or body value does not match the schema; details.issues says which.
                 *     TEXT_UNSTORABLE (400): A text holds a NUL or a lone surrogate, which no database can store.
                 *     HOST_MISSING (400): An HTTP/1.1 request without a Host header.
                 *     MALFORMED_JSON (400): The body is sent as application/json but is not valid JSON.
                 *     EMPTY_JSON_BODY (400): The body is sent as application/json but is empty.
                 *     BODY_TOO_LARGE (413): The body is larger than this route accepts.
                 *     UNSUPPORTED_MEDIA_TYPE (415): The body is of a content type this route does not read.
                 *     JSON_REQUIRED (415): This route reads application/json only (a form post is refused).
                 *     MALFORMED_URL (400): The path holds a broken percent-encoding.
                 *     PATH_PARAM_TOO_LONG (414): A path parameter is longer than the router accepts.
                 *     BAD_CONTENT_LENGTH (400): The Content-Length header is not a number, repeated, or not the body's length.
                 *     BAD_TRANSFER_ENCODING (400): The chunked transfer encoding is broken.
                 *     BAD_HTTP_REQUEST (400): Node's HTTP parser could not read the request.
                 *     BAD_REQUEST (400): The request could not be read (e.g. the body stream broke off).
                 *     HEADERS_TOO_LARGE (431): The request headers are too large.
                 *     REQUEST_TIMEOUT (408): The request took too long to arrive.
                 *     ROUTE_NOT_FOUND (404): No route has this method and path.
                 *     RATE_LIMITED (429): Too many requests; Retry-After says when to try again.
                 *     TOO_MANY_CONNECTIONS (503): Too many open connections from this address.
                 *     IDEMPOTENCY_KEY_REUSED (422): This Idempotency-Key was used for a different request.
                 *     BAD_CURSOR (400): The paging cursor is not one this listing returned.
                 *     BAD_RANGE (400): `from` is not before `to`.
                 *     INTERNAL (500): Our fault; it has been logged.
                 *     CONFIG_INVALID (500): The server's configuration is not valid (at start-up, never answered).
                 *     UNAUTHENTICATED (401): Sign in first, or the session or token is expired or revoked.
                 *     INVALID_CREDENTIALS (401): E-mail or password is wrong.
                 *     ROLE_REQUIRED (403): This needs another kind of account (seller, admin).
                 *     NOT_STORE_MEMBER (403): The caller is not a member of this store.
                 *     OWNER_REQUIRED (403): Only the store owner may do this.
                 *     ACTION_NOT_ALLOWED (403): This actor may not make this move of the lifecycle.
                 *     CROSS_SITE_REQUEST (403): Signing in from another site.
                 *     CSRF_INVALID_TOKEN (403): A cookie-session write without a valid x-csrf-token.
                 *     CSRF_MISSING_SECRET (403): A cookie-session write before the CSRF secret was set (fetch /auth/csrf).
                 *     METRICS_LOOPBACK_ONLY (403): Metrics are served to this host only unless METRICS_TOKEN is set.
                 *     NOT_FOUND (404): The thing named does not exist, or is not the caller's to see.
                 *     EMAIL_TAKEN (409): An account with this e-mail already exists.
                 *     PASSWORD_TOO_WEAK (400): The password is too easy to guess; details say why.
                 *     INVALID_CODE (400): The sign-up code is wrong or expired.
                 *     BAD_TOKEN (400): The unsubscribe link is not valid.
                 *     PUSH_ENDPOINT_REFUSED (400): Not the endpoint of a push service this server sends to.
                 *     SLUG_TAKEN (409): The store address is taken.
                 *     NOT_FLAGSHIP (409): Only flagship stores carry the verified badge.
                 *     ALREADY_MEMBER (409): The caller is already a member of this store.
                 *     CANNOT_REMOVE_OWNER (409): The store owner cannot be removed.
                 *     TITLE_MISSING (400): A product needs a title.
                 *     OPTION_TEXTS_MISMATCH (400): Translated option names do not match the options.
                 *     DUPLICATE_OPTION (400): Two options have the same name.
                 *     DUPLICATE_OPTION_VALUE (400): An option lists a value twice.
                 *     AMBIGUOUS_OPTION_VALUES (400): Two option values differ only in punctuation or case.
                 *     TOO_MANY_SKUS (400): The options make more SKUs than a product may have.
                 *     UNKNOWN_COMBINATION (400): A SKU names option values the product does not have.
                 *     STOCK_AMBIGUOUS (400): Both stock and stockDelta were sent.
                 *     STOCK_LIMIT (409): The change would take stock above the maximum.
                 *     STOCK_NEGATIVE (409): The change would take stock below zero.
                 *     SORT_NEEDS_QUERY (400): Sorting by relevance needs a search text.
                 *     PRICE_RANGE_INVERTED (400): minPriceMinor is above maxPriceMinor.
                 *     QUANTITY_LIMIT (409): More of one item than an order may hold.
                 *     CART_FULL (409): The cart holds as many different items as it may.
                 *     CART_EMPTY (409): Nothing to check out.
                 *     NOT_IN_CART (409): Some chosen items are not in the cart.
                 *     ITEM_UNAVAILABLE (409): Some items are no longer on sale.
                 *     MIXED_CURRENCIES (409): Things priced in different currencies must be checked out or paid separately.
                 *     OUT_OF_STOCK (409): Not enough stock for some items; nothing was ordered.
                 *     UNPAID_ORDER_LIMIT (409): Too many unpaid orders at once.
                 *     UNPAID_UNITS_LIMIT (409): Too many units of one item waiting for payment.
                 *     ORDER_CHANGED (409): The order changed meanwhile; reload it.
                 *     ILLEGAL_TRANSITION (409): The lifecycle does not allow this move from the current status.
                 *     ORDER_NOT_PAYABLE (409): Only orders awaiting payment can be paid.
                 *     PAYMENT_DEADLINE_PASSED (409): The time to pay the order has run out.
                 *     PAYMENT_CHANGED (409): The payment changed meanwhile.
                 *     NOT_PAID (409): The order has no payment to refund.
                 *     NOTHING_TO_REFUND (409): Everything paid has been refunded already.
                 *     REFUND_EXCEEDS_REMAINING (409): The refund is more than is left to refund.
                 *     REFUND_CHANGED (409): The refund changed meanwhile.
                 *     REFUND_NOT_POSSIBLE (409): The gateway has no captured payment to refund.
                 *     REFUND_EXCEEDS_PAYMENT (409): The gateway refund is larger than what is left of the payment.
                 *     ALREADY_DECIDED (409): The sandbox payment was already approved or declined.
                 *     SIGNATURE_MISSING (400): The webhook has no signature header.
                 *     SIGNATURE_MALFORMED (400): The webhook signature header is not t=<ms>,v1=<hex>.
                 *     SIGNATURE_INVALID (400): The webhook signature does not match.
                 *     WEBHOOK_STALE (400): The webhook timestamp is outside the tolerance.
                 *     WEBHOOK_MALFORMED (400): The webhook body is not a gateway event.
                 *     WEBHOOK_REPLAYED (409): This exact delivery was already received.
                 *     UNKNOWN_PAYMENT (404): No payment matches the webhook event.
                 *     UNKNOWN_REFUND (404): No refund matches the webhook event.
                 *     UNKNOWN_PAYOUT (404): No payout matches the webhook event.
                 *     REFERENCE_MISMATCH (400): The event's reference does not match the payment it names.
                 *     AMOUNT_MISMATCH (400): The event amount does not match ours.
                 *     PAYOUT_CHANGED (409): The payout changed meanwhile.
                 *     AMOUNT_EXCEEDS_AVAILABLE (409): More than is payable now.
                 *     NOTHING_TO_PAY_OUT (409): Less than the payout minimum is payable now.
                 *     PAYOUT_MISMATCH (400): The event names another provider payout.
                 *     PAYOUT_AMOUNT_INVALID (400): A payout must be a positive whole amount.
                 *     PAYOUT_REFERENCE_REUSED (409): The payout reference was used for a different payout.
                 *     RANGE_TOO_LONG (400): A statement covers more days than allowed.
                 *     RANGE_TOO_LARGE (400): An analytics series spans too long for its bucket.
                 *     SKU_NOT_IN_STORE (400): A SKU named is not this store's.
                 *     EFFECTIVE_IN_PAST (409): A commission rule cannot start in the past.
                 *     UNKNOWN_LAUNCH (400): No launch has this id.
                 *     KIND_MISMATCH (400): The launch's store is not of this kind.
                 *     STARTS_IN_PAST (400): startsAt is not in the future.
                 *     ENDS_BEFORE_START (400): endsAt is not after startsAt.
                 *     TOO_LONG (400): A launch lasts longer than allowed.
                 *     REGISTRATION_AFTER_START (400): registrationOpensAt is not before startsAt.
                 *     REGISTRATION_WINDOW_MISSING (400): A launch that requires registration needs registrationOpensAt.
                 *     DUPLICATE_SKU (400): A SKU appears twice in a launch.
                 *     INSUFFICIENT_STOCK (409): An allotment is larger than the stock on hand.
                 *     ALREADY_PAUSED (409): The launch is already paused.
                 *     NOT_PAUSED (409): The launch is not paused.
                 *     LAUNCH_CANCELLED (409): The launch is already cancelled.
                 *     LAUNCH_STARTED (409): A launch that has started cannot be cancelled.
                 *     LAUNCH_CHANGED (409): The launch changed meanwhile.
                 *     LAUNCH_ENDED (409): The launch is over.
                 *     LAUNCH_NOT_STARTED (409): The launch has not started.
                 *     LAUNCH_PAUSED (409): The seller has paused the launch; the place is kept.
                 *     REGISTRATION_CLOSED (409): Registration closed when the launch started.
                 *     REGISTRATION_NOT_OPEN (409): Registration has not opened yet.
                 *     REGISTRATION_FULL (409): Registration for the launch is full.
                 *     NOT_REGISTERED (403): Only buyers who registered may take part.
                 *     POW_REQUIRED (400): The launch asks for a proof of work.
                 *     POW_INSUFFICIENT (400): The proof of work does not meet the difficulty.
                 *     QUEUE_FULL (409): The waiting room is full.
                 *     QUEUE_TOKEN_INVALID (403): The queue token is forged, altered or another buyer's or launch's.
                 *     QUEUE_TOKEN_EXPIRED (401): The queue token has expired.
                 *     PASS_INVALID (403): The admission pass is forged, altered or another buyer's or launch's.
                 *     PASS_EXPIRED (401): The admission pass has expired.
                 *     CHALLENGE_INVALID (403): The proof-of-work challenge is forged, altered or another buyer's or launch's.
                 *     CHALLENGE_EXPIRED (401): The proof-of-work challenge has expired.
                 *     SKU_NOT_IN_LAUNCH (404): The SKU is not part of the launch.
                 *     SOLD_OUT (409): Nothing is left.
                 *     NOT_ENOUGH_UNITS (409): Fewer units are left than asked for.
                 *     LIMIT_REACHED (409): The buyer has reached the launch's per-buyer limit.
                 *     HOLD_NOT_PAYABLE (409): The reservation is paid or expired.
                 *     HOLD_CHANGED (409): The reservation changed meanwhile.
                 *     HOLD_PENDING (503): The reservation made with this key is not saved yet; retry.
                 *     QUEUE_UNAVAILABLE (503): The waiting room is being restored; retry.
                 *     STOCK_UNAVAILABLE (503): The launch's stock is being rebuilt or busy; retry.
                 *     STOCK_REBUILT (503): The stock was rebuilt while the reservation was decided; retry.
                 *     LEDGER_UNAVAILABLE (503): The answer could not be saved; retry.
                 *     LAUNCH_HALTED (503): The launch was stopped for a check; the place is kept.
                 *     ACCESS_ENDED (403): The access behind a server-sent event stream ended (sent as an event, not a status).
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "TEXT_UNSTORABLE" | "HOST_MISSING" | "MALFORMED_JSON" | "EMPTY_JSON_BODY" | "BODY_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "JSON_REQUIRED" | "MALFORMED_URL" | "PATH_PARAM_TOO_LONG" | "BAD_CONTENT_LENGTH" | "BAD_TRANSFER_ENCODING" | "BAD_HTTP_REQUEST" | "BAD_REQUEST" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "ROUTE_NOT_FOUND" | "RATE_LIMITED" | "TOO_MANY_CONNECTIONS" | "IDEMPOTENCY_KEY_REUSED" | "BAD_CURSOR" | "BAD_RANGE" | "INTERNAL" | "CONFIG_INVALID" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "ROLE_REQUIRED" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED" | "ACTION_NOT_ALLOWED" | "CROSS_SITE_REQUEST" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "METRICS_LOOPBACK_ONLY" | "NOT_FOUND" | "EMAIL_TAKEN" | "PASSWORD_TOO_WEAK" | "INVALID_CODE" | "BAD_TOKEN" | "PUSH_ENDPOINT_REFUSED" | "SLUG_TAKEN" | "NOT_FLAGSHIP" | "ALREADY_MEMBER" | "CANNOT_REMOVE_OWNER" | "TITLE_MISSING" | "OPTION_TEXTS_MISMATCH" | "DUPLICATE_OPTION" | "DUPLICATE_OPTION_VALUE" | "AMBIGUOUS_OPTION_VALUES" | "TOO_MANY_SKUS" | "UNKNOWN_COMBINATION" | "STOCK_AMBIGUOUS" | "STOCK_LIMIT" | "STOCK_NEGATIVE" | "SORT_NEEDS_QUERY" | "PRICE_RANGE_INVERTED" | "QUANTITY_LIMIT" | "CART_FULL" | "CART_EMPTY" | "NOT_IN_CART" | "ITEM_UNAVAILABLE" | "MIXED_CURRENCIES" | "OUT_OF_STOCK" | "UNPAID_ORDER_LIMIT" | "UNPAID_UNITS_LIMIT" | "ORDER_CHANGED" | "ILLEGAL_TRANSITION" | "ORDER_NOT_PAYABLE" | "PAYMENT_DEADLINE_PASSED" | "PAYMENT_CHANGED" | "NOT_PAID" | "NOTHING_TO_REFUND" | "REFUND_EXCEEDS_REMAINING" | "REFUND_CHANGED" | "REFUND_NOT_POSSIBLE" | "REFUND_EXCEEDS_PAYMENT" | "ALREADY_DECIDED" | "SIGNATURE_MISSING" | "SIGNATURE_MALFORMED" | "SIGNATURE_INVALID" | "WEBHOOK_STALE" | "WEBHOOK_MALFORMED" | "WEBHOOK_REPLAYED" | "UNKNOWN_PAYMENT" | "UNKNOWN_REFUND" | "UNKNOWN_PAYOUT" | "REFERENCE_MISMATCH" | "AMOUNT_MISMATCH" | "PAYOUT_CHANGED" | "AMOUNT_EXCEEDS_AVAILABLE" | "NOTHING_TO_PAY_OUT" | "PAYOUT_MISMATCH" | "PAYOUT_AMOUNT_INVALID" | "PAYOUT_REFERENCE_REUSED" | "RANGE_TOO_LONG" | "RANGE_TOO_LARGE" | "SKU_NOT_IN_STORE" | "EFFECTIVE_IN_PAST" | "UNKNOWN_LAUNCH" | "KIND_MISMATCH" | "STARTS_IN_PAST" | "ENDS_BEFORE_START" | "TOO_LONG" | "REGISTRATION_AFTER_START" | "REGISTRATION_WINDOW_MISSING" | "DUPLICATE_SKU" | "INSUFFICIENT_STOCK" | "ALREADY_PAUSED" | "NOT_PAUSED" | "LAUNCH_CANCELLED" | "LAUNCH_STARTED" | "LAUNCH_CHANGED" | "LAUNCH_ENDED" | "LAUNCH_NOT_STARTED" | "LAUNCH_PAUSED" | "REGISTRATION_CLOSED" | "REGISTRATION_NOT_OPEN" | "REGISTRATION_FULL" | "NOT_REGISTERED" | "POW_REQUIRED" | "POW_INSUFFICIENT" | "QUEUE_FULL" | "QUEUE_TOKEN_INVALID" | "QUEUE_TOKEN_EXPIRED" | "PASS_INVALID" | "PASS_EXPIRED" | "CHALLENGE_INVALID" | "CHALLENGE_EXPIRED" | "SKU_NOT_IN_LAUNCH" | "SOLD_OUT" | "NOT_ENOUGH_UNITS" | "LIMIT_REACHED" | "HOLD_NOT_PAYABLE" | "HOLD_CHANGED" | "HOLD_PENDING" | "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE" | "STOCK_REBUILT" | "LEDGER_UNAVAILABLE" | "LAUNCH_HALTED" | "ACCESS_ENDED";
                message: string;
                details?: unknown;
            };
        };
        UserInput: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "buyer" | "seller" | "admin";
            createdAt: number;
        };
        StoreInput: {
            id: string;
            slug: string;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary name */
            name: string;
            /** @enum {string} */
            kind: "marketplace" | "flagship";
            description: string;
            /** @description every locale's name and description, as stored */
            texts: {
                [key: string]: {
                    name?: string;
                    description?: string;
                };
            };
            logoUrl: string | null;
            verified: boolean;
            createdAt: number;
        };
        SkuInput: {
            id: string;
            productId: string;
            code: string;
            options: {
                [key: string]: string;
            };
            priceMinor: number;
            currency: string;
            stock: number;
            inStock: boolean;
            images: string[];
            /** @description the option values in the language asked for (with the product) */
            optionLabels?: {
                [key: string]: string;
            };
        };
        ProductInput: {
            id: string;
            storeId: string;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary title */
            title: string;
            description: string;
            /** @description every locale's title and description, as stored */
            texts: {
                [key: string]: {
                    title?: string;
                    description?: string;
                };
            };
            /** @enum {string} */
            status: "draft" | "published";
            /** @description one of the product categories, or null */
            category: string | null;
            options: {
                name: string;
                values: string[];
                /** @description the name in the language asked for */
                label: string;
                /** @description the values in the language asked for, in the order of values */
                valueLabels: string[];
                texts?: {
                    [key: string]: {
                        name?: string;
                        values?: string[];
                    };
                };
            }[];
            images: string[];
            currency: string;
            priceMinMinor: number;
            skus: components["schemas"]["SkuInput"][];
            createdAt: number;
            updatedAt: number;
        };
        ProductHitInput: {
            id: string;
            storeId: string;
            storeName: string;
            storeVerified: boolean;
            /** @enum {string} */
            storeKind: "marketplace" | "flagship";
            title: string;
            image: string | null;
            priceMinMinor: number;
            currency: string;
            inStock: boolean;
        };
        AddressInput: {
            recipient: string;
            phone: string;
            country: string;
            provinceCode?: string;
            cityCode?: string;
            districtCode?: string;
            province: string;
            city: string;
            district?: string;
            line1: string;
            line2?: string;
            postalCode?: string;
            /** @description the divisions named in every locale (addresses with codes) */
            regionNames?: {
                [key: string]: {
                    province: string;
                    city: string;
                    district: string;
                };
            };
        };
        OrderInput: {
            id: string;
            buyerId: string;
            storeId: string;
            checkoutId: string;
            launchId: string | null;
            /** @enum {string} */
            status: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
            totalMinor: number;
            currency: string;
            address: components["schemas"]["AddressInput"];
            paymentDeadlineAt: number;
            paymentId: string | null;
            carrier: string | null;
            trackingNumber: string | null;
            refundReason: string | null;
            cancelReason: string | null;
            items: {
                skuId: string;
                productId: string;
                title: string;
                options: {
                    [key: string]: string;
                };
                unitPriceMinor: number;
                quantity: number;
            }[];
            timeline: {
                from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded") | null;
                /** @enum {string} */
                to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
                actor: string;
                note: string | null;
                at: number;
            }[];
            createdAt: number;
            updatedAt: number;
        };
        CartInput: {
            stores: {
                storeId: string;
                storeName: string;
                subtotalMinor: number;
                lines: {
                    skuId: string;
                    productId: string;
                    storeId: string;
                    storeName: string;
                    title: string;
                    options: {
                        [key: string]: string;
                    };
                    /** @description the option values in the language asked for */
                    optionLabels: {
                        [key: string]: string;
                    };
                    image: string | null;
                    unitPriceMinor: number;
                    currency: string;
                    quantity: number;
                    stock: number;
                    available: boolean;
                }[];
            }[];
            totalMinor: number;
            currency: string;
            itemCount: number;
        };
        PaymentInput: {
            id: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded" | "partially_refunded";
            amountMinor: number;
            refundedMinor: number;
            currency: string;
            /** @description the hosted pay page to send the buyer to */
            payUrl: string;
            orderIds: string[];
            createdAt: number;
        };
        LaunchInput: {
            id: string;
            storeId: string;
            storeName: string;
            storeVerified: boolean;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary title */
            title: string;
            description: string;
            texts: {
                [key: string]: {
                    title?: string;
                    description?: string;
                };
            };
            /** @enum {string} */
            phase: "scheduled" | "registration" | "live" | "sold_out" | "ended" | "cancelled";
            paused: boolean;
            startsAt: number;
            endsAt: number;
            registrationRequired: boolean;
            registrationOpensAt: number | null;
            perBuyerLimit: number;
            paymentWindowMs: number;
            admission: {
                ratePerSecond: number;
                maxActive: number;
                passTtlMs: number;
            };
            powDifficulty: number;
            /** @description the pre-queue draw once done: the revealed seed and the frozen entrants' hash (GET /launches/:id/draw has the list; docs/draw.md) */
            draw: {
                seed: string;
                at: number;
                prequeueCount: number;
                entrantsHash: string | null;
            } | null;
            /** @description SHA-256 of the draw's seed, published from scheduling on; the seed revealed at the start must hash to it */
            drawCommitment: string | null;
            items: {
                skuId: string;
                productId: string;
                title: string;
                options: {
                    [key: string]: string;
                };
                optionLabels: {
                    [key: string]: string;
                };
                image: string | null;
                allotment: number;
                available: number;
                launchPriceMinor: number;
                regularPriceMinor: number;
                currency: string;
            }[];
            registeredCount: number;
            /** @description whether the signed-in caller is registered (GET of one launch while signed in); null otherwise */
            registered: boolean | null;
            /** @description the server's clock, for countdowns */
            serverTime: number;
        };
        QueueStatusInput: {
            /** @enum {string} */
            state: "prequeue" | "waiting" | "admitted" | "sold_out" | "ended" | "paused";
            position: number | null;
            ahead: number | null;
            etaSeconds: number | null;
            /** @description admission pass: send it as x-admission-pass to reserve */
            pass: string | null;
            passExpiresAt: number | null;
            available: number;
            serverTime: number;
            /** @description when a client that polls (without the stream) should ask again; null: nothing more will change */
            pollAfterMs: number | null;
        };
        HoldInput: {
            id: string;
            launchId: string;
            skuId: string;
            quantity: number;
            priceMinor: number;
            currency: string;
            /** @enum {string} */
            status: "held" | "paid" | "expired" | "cancelled";
            expiresAt: number;
            orderId: string | null;
            createdAt: number;
        };
        StatementInput: {
            storeId: string;
            currency: string;
            from: number;
            to: number;
            openingBalanceMinor: number;
            closingBalanceMinor: number;
            totals: {
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
            };
            days: {
                day: number;
                closingMinor: number;
            }[];
            lines: {
                at: number;
                kind: string;
                amountMinor: number;
                balanceAfterMinor: number;
                orderId: string | null;
                refundId: string | null;
                payoutId: string | null;
            }[];
            linesTruncated: boolean;
            balance: {
                /** @description everything owed to the store (negative: the store owes the platform, carried forward) */
                balanceMinor: number;
                /** @description payable now: sales past their return window, less refunds and payouts */
                availableMinor: number;
                /** @description waiting for delivery plus the return window */
                pendingMinor: number;
                inPayoutMinor: number;
                nextReleaseAt: number | null;
            };
        };
        PayoutInput: {
            id: string;
            batchId: string | null;
            storeId: string;
            amountMinor: number;
            currency: string;
            /** @enum {string} */
            status: "requested" | "sent" | "paid" | "failed";
            failureReason: string | null;
            createdAt: number;
            updatedAt: number;
        };
        CommissionRuleInput: {
            id: string;
            storeKind: ("marketplace" | "flagship") | null;
            category: string | null;
            launchId: string | null;
            rateBps: number;
            effectiveFrom: number;
            note: string | null;
            createdBy: string;
            createdAt: number;
        };
        MoneyOverviewInput: {
            currency: string;
            from: number;
            to: number;
            stores: {
                storeId: string;
                name: string;
                /** @enum {string} */
                kind: "marketplace" | "flagship";
                openingBalanceMinor: number;
                closingBalanceMinor: number;
                availableMinor: number;
                pendingMinor: number;
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
            }[];
            totals: {
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
                openingBalanceMinor: number;
                closingBalanceMinor: number;
            };
            platform: {
                revenueMinor: number;
                revenueBalanceMinor: number;
                clearingMinor: number;
                refundsPayableMinor: number;
                payoutsInTransitMinor: number;
            };
        };
        AnalyticsSalesInput: {
            from: number;
            to: number;
            /** @enum {string} */
            bucket: "minute" | "hour" | "day";
            points: {
                bucketStart: number;
                currency: string;
                views: number;
                orders: number;
                units: number;
                revenueMinor: number;
                refunds: number;
                refundedUnits: number;
                refundedMinor: number;
                shipped: number;
                delivered: number;
            }[];
        };
        AnalyticsSkusInput: {
            from: number;
            to: number;
            rows: {
                skuId: string;
                storeId: string;
                productId: string | null;
                title: string | null;
                code: string | null;
                options: {
                    [key: string]: string;
                };
                name: string;
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedUnits: number;
                refundedMinor: number;
            }[];
        };
        AnalyticsDevicesInput: {
            from: number;
            to: number;
            devices: {
                /** @enum {string} */
                device: "phone" | "tablet" | "desktop" | "tv" | "unknown";
                buyers: number;
                transactions: number;
                units: number;
                buyerShare: number;
                transactionShare: number;
            }[];
            buyers: number;
            transactions: number;
            mobileTransactionShare: number;
            mobileBuyerShare: number;
            /** @description false when a buyer count was estimated (HyperLogLog, about ±1.6 %) */
            buyersExact: boolean;
        };
        AnalyticsRegionsInput: {
            from: number;
            to: number;
            rows: {
                /** @description the province's division code (orders from before codes: their text, when it names no province) */
                region: string;
                /** @description the province in every locale */
                names?: {
                    [key: string]: string;
                };
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
            }[];
        };
        LaunchFunnelInput: {
            launchId: string;
            storeId: string;
            title: string;
            startsAt: number;
            endsAt: number;
            steps: {
                /** @enum {string} */
                step: "registered" | "queued" | "admitted" | "held" | "paid";
                buyers: number;
                conversionFromPrevious: number | null;
                conversionFromFirst: number | null;
            }[];
            holds: number;
            heldUnits: number;
            paidHolds: number;
            paidUnits: number;
            expiredHolds: number;
            expiredUnits: number;
            cancelledHolds: number;
            holdExpiryRate: number | null;
            refusals: {
                reason: string;
                count: number;
            }[];
        };
        AnalyticsFunnelsInput: {
            from: number;
            to: number;
            launches: components["schemas"]["LaunchFunnelInput"][];
        };
        LaunchSelloutInput: {
            launchId: string;
            startsAt: number;
            allotment: number;
            resolutionSeconds: number;
            timeToSellOutSeconds: number | null;
            timeToPaidOutSeconds: number | null;
            points: {
                second: number;
                heldUnits: number;
                paidUnits: number;
                releasedUnits: number;
                reservedUnits: number;
                paidTotal: number;
            }[];
        };
        LaunchWaitingTimesInput: {
            launchId: string;
            admitted: number;
            buyers: number;
            meanWaitSeconds: number | null;
            buckets: {
                fromSeconds: number;
                toSeconds: number | null;
                admitted: number;
                share: number;
            }[];
        };
        RegionInput: {
            /** @description GB/T 2260 division code */
            code: string;
            /** @enum {string} */
            level: "province" | "city" | "district";
            parent: string | null;
            /** @description in the language asked for (?lang= or Accept-Language), else Chinese */
            name: string;
            names: {
                [key: string]: string;
            };
        };
        InboxItemInput: {
            id: string;
            /** @enum {string} */
            kind: "registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low";
            title: string;
            body: string;
            url: string;
            createdAt: number;
            readAt: number | null;
        };
        NotificationPreferencesInput: {
            email: boolean;
            push: boolean;
            /** @enum {string} */
            locale: "en" | "zh-CN";
            muted: ("registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low")[];
        };
        MembershipInput: {
            storeId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "staff";
        };
        SessionInfoInput: {
            user: components["schemas"]["UserInput"] | null;
            stores: components["schemas"]["MembershipInput"][];
        };
        AdminOrderListInput: {
            orders: components["schemas"]["OrderInput"][];
            nextCursor: string | null;
            /** @description the stores of the orders, by id */
            stores: {
                [key: string]: {
                    name: string;
                    slug: string;
                };
            };
            /** @description the buyers of the orders, by id */
            buyers: {
                [key: string]: {
                    name: string;
                    email: string;
                };
            };
        };
        LaunchDrawInput: {
            launchId: string;
            /** @constant */
            scheme: "flashmall-draw-v1";
            startsAt: number;
            /**
             * @description committed: the seed is committed, not yet revealed; drawn: revealed and applied; uncommitted: a launch scheduled before commitments existed
             * @enum {string}
             */
            state: "committed" | "drawn" | "uncommitted";
            /** @description SHA-256 of the seed's 32 bytes (hex) */
            commitment: string | null;
            committedAt: number | null;
            /** @description the seed (64 hex digits), revealed at the start */
            seed: string | null;
            drawnAt: number | null;
            /** @description SHA-256 of the frozen entrant list (docs/draw.md) */
            entrantsHash: string | null;
            /** @description the frozen pre-queue in arrival order */
            entrants: {
                arrival: number;
                ticket: string;
            }[];
            /** @description tickets in drawn order (place 1 first) */
            line: string[];
            /** @description the signed-in caller's own ticket, when they entered */
            mine: {
                ticket: string;
                arrival: number;
                position: number | null;
            } | null;
        };
        DrawReceiptInput: {
            launchId: string;
            ticket: string;
            arrival: number;
            joinedAt: number;
            commitment: string | null;
        };
        LaunchMonitorInput: {
            at: number;
            /** @enum {string} */
            phase: "scheduled" | "registration" | "live" | "sold_out" | "ended" | "cancelled";
            paused: boolean;
            registered: number;
            queued: number;
            waitingForReturns: number;
            admitted: number;
            active: number;
            held: number;
            sold: number;
            available: number;
            allotment: number;
            attempts: number;
            attemptsPerSecond: number;
            holdsCreated: number;
            payments: number;
            rejections: {
                [key: string]: number;
            };
            skus: {
                skuId: string;
                allotment: number;
                available: number;
                held: number;
                sold: number;
            }[];
        };
        LaunchMonitorHistoryInput: {
            launchId: string;
            points: {
                at: number;
                heldUnits: number;
                paidUnits: number;
                /** @description units returned in that second (holds expired or cancelled) */
                releasedUnits: number;
            }[];
        };
        AnalyticsStoreSplitInput: {
            from: number;
            to: number;
            totals: {
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedMinor: number;
            }[];
            stores: {
                storeId: string;
                name: string | null;
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedMinor: number;
                revenueShare: number | null;
            }[];
        };
        Error: {
            error: {
                /**
                 * @description VALIDATION_FAILED (400): A path, query, header or body value does not match the schema; details.issues says which.
                 *     TEXT_UNSTORABLE (400): A text holds a NUL or a lone surrogate, which no database can store.
                 *     HOST_MISSING (400): An HTTP/1.1 request without a Host header.
                 *     MALFORMED_JSON (400): The body is sent as application/json but is not valid JSON.
                 *     EMPTY_JSON_BODY (400): The body is sent as application/json but is empty.
                 *     BODY_TOO_LARGE (413): The body is larger than this route accepts.
                 *     UNSUPPORTED_MEDIA_TYPE (415): The body is of a content type this route does not read.
                 *     JSON_REQUIRED (415): This route reads application/json only (a form post is refused).
                 *     MALFORMED_URL (400): The path holds a broken percent-encoding.
                 *     PATH_PARAM_TOO_LONG (414): A path parameter is longer than the router accepts.
                 *     BAD_CONTENT_LENGTH (400): The Content-Length header is not a number, repeated, or not the body's length.
                 *     BAD_TRANSFER_ENCODING (400): The chunked transfer encoding is broken.
                 *     BAD_HTTP_REQUEST (400): Node's HTTP parser could not read the request.
                 *     BAD_REQUEST (400): The request could not be read (e.g. the body stream broke off).
                 *     HEADERS_TOO_LARGE (431): The request headers are too large.
                 *     REQUEST_TIMEOUT (408): The request took too long to arrive.
                 *     ROUTE_NOT_FOUND (404): No route has this method and path.
                 *     RATE_LIMITED (429): Too many requests; Retry-After says when to try again.
                 *     TOO_MANY_CONNECTIONS (503): Too many open connections from this address.
                 *     IDEMPOTENCY_KEY_REUSED (422): This Idempotency-Key was used for a different request.
                 *     BAD_CURSOR (400): The paging cursor is not one this listing returned.
                 *     BAD_RANGE (400): `from` is not before `to`.
                 *     INTERNAL (500): Our fault; it has been logged.
                 *     CONFIG_INVALID (500): The server's configuration is not valid (at start-up, never answered).
                 *     UNAUTHENTICATED (401): Sign in first, or the session or token is expired or revoked.
                 *     INVALID_CREDENTIALS (401): E-mail or password is wrong.
                 *     ROLE_REQUIRED (403): This needs another kind of account (seller, admin).
                 *     NOT_STORE_MEMBER (403): The caller is not a member of this store.
                 *     OWNER_REQUIRED (403): Only the store owner may do this.
                 *     ACTION_NOT_ALLOWED (403): This actor may not make this move of the lifecycle.
                 *     CROSS_SITE_REQUEST (403): Signing in from another site.
                 *     CSRF_INVALID_TOKEN (403): A cookie-session write without a valid x-csrf-token.
                 *     CSRF_MISSING_SECRET (403): A cookie-session write before the CSRF secret was set (fetch /auth/csrf).
                 *     METRICS_LOOPBACK_ONLY (403): Metrics are served to this host only unless METRICS_TOKEN is set.
                 *     NOT_FOUND (404): The thing named does not exist, or is not the caller's to see.
                 *     EMAIL_TAKEN (409): An account with this e-mail already exists.
                 *     PASSWORD_TOO_WEAK (400): The password is too easy to guess; details say why.
                 *     INVALID_CODE (400): The sign-up code is wrong or expired.
                 *     BAD_TOKEN (400): The unsubscribe link is not valid.
                 *     PUSH_ENDPOINT_REFUSED (400): Not the endpoint of a push service this server sends to.
                 *     SLUG_TAKEN (409): The store address is taken.
                 *     NOT_FLAGSHIP (409): Only flagship stores carry the verified badge.
                 *     ALREADY_MEMBER (409): The caller is already a member of this store.
                 *     CANNOT_REMOVE_OWNER (409): The store owner cannot be removed.
                 *     TITLE_MISSING (400): A product needs a title.
                 *     OPTION_TEXTS_MISMATCH (400): Translated option names do not match the options.
                 *     DUPLICATE_OPTION (400): Two options have the same name.
                 *     DUPLICATE_OPTION_VALUE (400): An option lists a value twice.
                 *     AMBIGUOUS_OPTION_VALUES (400): Two option values differ only in punctuation or case.
                 *     TOO_MANY_SKUS (400): The options make more SKUs than a product may have.
                 *     UNKNOWN_COMBINATION (400): A SKU names option values the product does not have.
                 *     STOCK_AMBIGUOUS (400): Both stock and stockDelta were sent.
                 *     STOCK_LIMIT (409): The change would take stock above the maximum.
                 *     STOCK_NEGATIVE (409): The change would take stock below zero.
                 *     SORT_NEEDS_QUERY (400): Sorting by relevance needs a search text.
                 *     PRICE_RANGE_INVERTED (400): minPriceMinor is above maxPriceMinor.
                 *     QUANTITY_LIMIT (409): More of one item than an order may hold.
                 *     CART_FULL (409): The cart holds as many different items as it may.
                 *     CART_EMPTY (409): Nothing to check out.
                 *     NOT_IN_CART (409): Some chosen items are not in the cart.
                 *     ITEM_UNAVAILABLE (409): Some items are no longer on sale.
                 *     MIXED_CURRENCIES (409): Things priced in different currencies must be checked out or paid separately.
                 *     OUT_OF_STOCK (409): Not enough stock for some items; nothing was ordered.
                 *     UNPAID_ORDER_LIMIT (409): Too many unpaid orders at once.
                 *     UNPAID_UNITS_LIMIT (409): Too many units of one item waiting for payment.
                 *     ORDER_CHANGED (409): The order changed meanwhile; reload it.
                 *     ILLEGAL_TRANSITION (409): The lifecycle does not allow this move from the current status.
                 *     ORDER_NOT_PAYABLE (409): Only orders awaiting payment can be paid.
                 *     PAYMENT_DEADLINE_PASSED (409): The time to pay the order has run out.
                 *     PAYMENT_CHANGED (409): The payment changed meanwhile.
                 *     NOT_PAID (409): The order has no payment to refund.
                 *     NOTHING_TO_REFUND (409): Everything paid has been refunded already.
                 *     REFUND_EXCEEDS_REMAINING (409): The refund is more than is left to refund.
                 *     REFUND_CHANGED (409): The refund changed meanwhile.
                 *     REFUND_NOT_POSSIBLE (409): The gateway has no captured payment to refund.
                 *     REFUND_EXCEEDS_PAYMENT (409): The gateway refund is larger than what is left of the payment.
                 *     ALREADY_DECIDED (409): The sandbox payment was already approved or declined.
                 *     SIGNATURE_MISSING (400): The webhook has no signature header.
                 *     SIGNATURE_MALFORMED (400): The webhook signature header is not t=<ms>,v1=<hex>.
                 *     SIGNATURE_INVALID (400): The webhook signature does not match.
                 *     WEBHOOK_STALE (400): The webhook timestamp is outside the tolerance.
                 *     WEBHOOK_MALFORMED (400): The webhook body is not a gateway event.
                 *     WEBHOOK_REPLAYED (409): This exact delivery was already received.
                 *     UNKNOWN_PAYMENT (404): No payment matches the webhook event.
                 *     UNKNOWN_REFUND (404): No refund matches the webhook event.
                 *     UNKNOWN_PAYOUT (404): No payout matches the webhook event.
                 *     REFERENCE_MISMATCH (400): The event's reference does not match the payment it names.
                 *     AMOUNT_MISMATCH (400): The event amount does not match ours.
                 *     PAYOUT_CHANGED (409): The payout changed meanwhile.
                 *     AMOUNT_EXCEEDS_AVAILABLE (409): More than is payable now.
                 *     NOTHING_TO_PAY_OUT (409): Less than the payout minimum is payable now.
                 *     PAYOUT_MISMATCH (400): The event names another provider payout.
                 *     PAYOUT_AMOUNT_INVALID (400): A payout must be a positive whole amount.
                 *     PAYOUT_REFERENCE_REUSED (409): The payout reference was used for a different payout.
                 *     RANGE_TOO_LONG (400): A statement covers more days than allowed.
                 *     RANGE_TOO_LARGE (400): An analytics series spans too long for its bucket.
                 *     SKU_NOT_IN_STORE (400): A SKU named is not this store's.
                 *     EFFECTIVE_IN_PAST (409): A commission rule cannot start in the past.
                 *     UNKNOWN_LAUNCH (400): No launch has this id.
                 *     KIND_MISMATCH (400): The launch's store is not of this kind.
                 *     STARTS_IN_PAST (400): startsAt is not in the future.
                 *     ENDS_BEFORE_START (400): endsAt is not after startsAt.
                 *     TOO_LONG (400): A launch lasts longer than allowed.
                 *     REGISTRATION_AFTER_START (400): registrationOpensAt is not before startsAt.
                 *     REGISTRATION_WINDOW_MISSING (400): A launch that requires registration needs registrationOpensAt.
                 *     DUPLICATE_SKU (400): A SKU appears twice in a launch.
                 *     INSUFFICIENT_STOCK (409): An allotment is larger than the stock on hand.
                 *     ALREADY_PAUSED (409): The launch is already paused.
                 *     NOT_PAUSED (409): The launch is not paused.
                 *     LAUNCH_CANCELLED (409): The launch is already cancelled.
                 *     LAUNCH_STARTED (409): A launch that has started cannot be cancelled.
                 *     LAUNCH_CHANGED (409): The launch changed meanwhile.
                 *     LAUNCH_ENDED (409): The launch is over.
                 *     LAUNCH_NOT_STARTED (409): The launch has not started.
                 *     LAUNCH_PAUSED (409): The seller has paused the launch; the place is kept.
                 *     REGISTRATION_CLOSED (409): Registration closed when the launch started.
                 *     REGISTRATION_NOT_OPEN (409): Registration has not opened yet.
                 *     REGISTRATION_FULL (409): Registration for the launch is full.
                 *     NOT_REGISTERED (403): Only buyers who registered may take part.
                 *     POW_REQUIRED (400): The launch asks for a proof of work.
                 *     POW_INSUFFICIENT (400): The proof of work does not meet the difficulty.
                 *     QUEUE_FULL (409): The waiting room is full.
                 *     QUEUE_TOKEN_INVALID (403): The queue token is forged, altered or another buyer's or launch's.
                 *     QUEUE_TOKEN_EXPIRED (401): The queue token has expired.
                 *     PASS_INVALID (403): The admission pass is forged, altered or another buyer's or launch's.
                 *     PASS_EXPIRED (401): The admission pass has expired.
                 *     CHALLENGE_INVALID (403): The proof-of-work challenge is forged, altered or another buyer's or launch's.
                 *     CHALLENGE_EXPIRED (401): The proof-of-work challenge has expired.
                 *     SKU_NOT_IN_LAUNCH (404): The SKU is not part of the launch.
                 *     SOLD_OUT (409): Nothing is left.
                 *     NOT_ENOUGH_UNITS (409): Fewer units are left than asked for.
                 *     LIMIT_REACHED (409): The buyer has reached the launch's per-buyer limit.
                 *     HOLD_NOT_PAYABLE (409): The reservation is paid or expired.
                 *     HOLD_CHANGED (409): The reservation changed meanwhile.
                 *     HOLD_PENDING (503): The reservation made with this key is not saved yet; retry.
                 *     QUEUE_UNAVAILABLE (503): The waiting room is being restored; retry.
                 *     STOCK_UNAVAILABLE (503): The launch's stock is being rebuilt or busy; retry.
                 *     STOCK_REBUILT (503): The stock was rebuilt while the reservation was decided; retry.
                 *     LEDGER_UNAVAILABLE (503): The answer could not be saved; retry.
                 *     LAUNCH_HALTED (503): The launch was stopped for a check; the place is kept.
                 *     ACCESS_ENDED (403): The access behind a server-sent event stream ended (sent as an event, not a status).
                 * @enum {string}
                 */
                code: "VALIDATION_FAILED" | "TEXT_UNSTORABLE" | "HOST_MISSING" | "MALFORMED_JSON" | "EMPTY_JSON_BODY" | "BODY_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "JSON_REQUIRED" | "MALFORMED_URL" | "PATH_PARAM_TOO_LONG" | "BAD_CONTENT_LENGTH" | "BAD_TRANSFER_ENCODING" | "BAD_HTTP_REQUEST" | "BAD_REQUEST" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "ROUTE_NOT_FOUND" | "RATE_LIMITED" | "TOO_MANY_CONNECTIONS" | "IDEMPOTENCY_KEY_REUSED" | "BAD_CURSOR" | "BAD_RANGE" | "INTERNAL" | "CONFIG_INVALID" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "ROLE_REQUIRED" | "NOT_STORE_MEMBER" | "OWNER_REQUIRED" | "ACTION_NOT_ALLOWED" | "CROSS_SITE_REQUEST" | "CSRF_INVALID_TOKEN" | "CSRF_MISSING_SECRET" | "METRICS_LOOPBACK_ONLY" | "NOT_FOUND" | "EMAIL_TAKEN" | "PASSWORD_TOO_WEAK" | "INVALID_CODE" | "BAD_TOKEN" | "PUSH_ENDPOINT_REFUSED" | "SLUG_TAKEN" | "NOT_FLAGSHIP" | "ALREADY_MEMBER" | "CANNOT_REMOVE_OWNER" | "TITLE_MISSING" | "OPTION_TEXTS_MISMATCH" | "DUPLICATE_OPTION" | "DUPLICATE_OPTION_VALUE" | "AMBIGUOUS_OPTION_VALUES" | "TOO_MANY_SKUS" | "UNKNOWN_COMBINATION" | "STOCK_AMBIGUOUS" | "STOCK_LIMIT" | "STOCK_NEGATIVE" | "SORT_NEEDS_QUERY" | "PRICE_RANGE_INVERTED" | "QUANTITY_LIMIT" | "CART_FULL" | "CART_EMPTY" | "NOT_IN_CART" | "ITEM_UNAVAILABLE" | "MIXED_CURRENCIES" | "OUT_OF_STOCK" | "UNPAID_ORDER_LIMIT" | "UNPAID_UNITS_LIMIT" | "ORDER_CHANGED" | "ILLEGAL_TRANSITION" | "ORDER_NOT_PAYABLE" | "PAYMENT_DEADLINE_PASSED" | "PAYMENT_CHANGED" | "NOT_PAID" | "NOTHING_TO_REFUND" | "REFUND_EXCEEDS_REMAINING" | "REFUND_CHANGED" | "REFUND_NOT_POSSIBLE" | "REFUND_EXCEEDS_PAYMENT" | "ALREADY_DECIDED" | "SIGNATURE_MISSING" | "SIGNATURE_MALFORMED" | "SIGNATURE_INVALID" | "WEBHOOK_STALE" | "WEBHOOK_MALFORMED" | "WEBHOOK_REPLAYED" | "UNKNOWN_PAYMENT" | "UNKNOWN_REFUND" | "UNKNOWN_PAYOUT" | "REFERENCE_MISMATCH" | "AMOUNT_MISMATCH" | "PAYOUT_CHANGED" | "AMOUNT_EXCEEDS_AVAILABLE" | "NOTHING_TO_PAY_OUT" | "PAYOUT_MISMATCH" | "PAYOUT_AMOUNT_INVALID" | "PAYOUT_REFERENCE_REUSED" | "RANGE_TOO_LONG" | "RANGE_TOO_LARGE" | "SKU_NOT_IN_STORE" | "EFFECTIVE_IN_PAST" | "UNKNOWN_LAUNCH" | "KIND_MISMATCH" | "STARTS_IN_PAST" | "ENDS_BEFORE_START" | "TOO_LONG" | "REGISTRATION_AFTER_START" | "REGISTRATION_WINDOW_MISSING" | "DUPLICATE_SKU" | "INSUFFICIENT_STOCK" | "ALREADY_PAUSED" | "NOT_PAUSED" | "LAUNCH_CANCELLED" | "LAUNCH_STARTED" | "LAUNCH_CHANGED" | "LAUNCH_ENDED" | "LAUNCH_NOT_STARTED" | "LAUNCH_PAUSED" | "REGISTRATION_CLOSED" | "REGISTRATION_NOT_OPEN" | "REGISTRATION_FULL" | "NOT_REGISTERED" | "POW_REQUIRED" | "POW_INSUFFICIENT" | "QUEUE_FULL" | "QUEUE_TOKEN_INVALID" | "QUEUE_TOKEN_EXPIRED" | "PASS_INVALID" | "PASS_EXPIRED" | "CHALLENGE_INVALID" | "CHALLENGE_EXPIRED" | "SKU_NOT_IN_LAUNCH" | "SOLD_OUT" | "NOT_ENOUGH_UNITS" | "LIMIT_REACHED" | "HOLD_NOT_PAYABLE" | "HOLD_CHANGED" | "HOLD_PENDING" | "QUEUE_UNAVAILABLE" | "STOCK_UNAVAILABLE" | "STOCK_REBUILT" | "LEDGER_UNAVAILABLE" | "LAUNCH_HALTED" | "ACCESS_ENDED";
                message: string;
                details?: unknown;
            };
        };
        User: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "buyer" | "seller" | "admin";
            createdAt: number;
        };
        Store: {
            id: string;
            slug: string;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary name */
            name: string;
            /** @enum {string} */
            kind: "marketplace" | "flagship";
            description: string;
            /** @description every locale's name and description, as stored */
            texts: {
                [key: string]: {
                    name?: string;
                    description?: string;
                };
            };
            logoUrl: string | null;
            verified: boolean;
            createdAt: number;
        };
        Sku: {
            id: string;
            productId: string;
            code: string;
            options: {
                [key: string]: string;
            };
            priceMinor: number;
            currency: string;
            stock: number;
            inStock: boolean;
            images: string[];
            /** @description the option values in the language asked for (with the product) */
            optionLabels?: {
                [key: string]: string;
            };
        };
        Product: {
            id: string;
            storeId: string;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary title */
            title: string;
            description: string;
            /** @description every locale's title and description, as stored */
            texts: {
                [key: string]: {
                    title?: string;
                    description?: string;
                };
            };
            /** @enum {string} */
            status: "draft" | "published";
            /** @description one of the product categories, or null */
            category: string | null;
            options: {
                name: string;
                values: string[];
                /** @description the name in the language asked for */
                label: string;
                /** @description the values in the language asked for, in the order of values */
                valueLabels: string[];
                texts?: {
                    [key: string]: {
                        name?: string;
                        values?: string[];
                    };
                };
            }[];
            images: string[];
            currency: string;
            priceMinMinor: number;
            skus: components["schemas"]["Sku"][];
            createdAt: number;
            updatedAt: number;
        };
        ProductHit: {
            id: string;
            storeId: string;
            storeName: string;
            storeVerified: boolean;
            /** @enum {string} */
            storeKind: "marketplace" | "flagship";
            title: string;
            image: string | null;
            priceMinMinor: number;
            currency: string;
            inStock: boolean;
        };
        Address: {
            recipient: string;
            phone: string;
            country: string;
            provinceCode?: string;
            cityCode?: string;
            districtCode?: string;
            province: string;
            city: string;
            district?: string;
            line1: string;
            line2?: string;
            postalCode?: string;
            /** @description the divisions named in every locale (addresses with codes) */
            regionNames?: {
                [key: string]: {
                    province: string;
                    city: string;
                    district: string;
                };
            };
        };
        Order: {
            id: string;
            buyerId: string;
            storeId: string;
            checkoutId: string;
            launchId: string | null;
            /** @enum {string} */
            status: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
            totalMinor: number;
            currency: string;
            address: components["schemas"]["Address"];
            paymentDeadlineAt: number;
            paymentId: string | null;
            carrier: string | null;
            trackingNumber: string | null;
            refundReason: string | null;
            cancelReason: string | null;
            items: {
                skuId: string;
                productId: string;
                title: string;
                options: {
                    [key: string]: string;
                };
                unitPriceMinor: number;
                quantity: number;
            }[];
            timeline: {
                from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded") | null;
                /** @enum {string} */
                to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refund_requested" | "refunded";
                actor: string;
                note: string | null;
                at: number;
            }[];
            createdAt: number;
            updatedAt: number;
        };
        Cart: {
            stores: {
                storeId: string;
                storeName: string;
                subtotalMinor: number;
                lines: {
                    skuId: string;
                    productId: string;
                    storeId: string;
                    storeName: string;
                    title: string;
                    options: {
                        [key: string]: string;
                    };
                    /** @description the option values in the language asked for */
                    optionLabels: {
                        [key: string]: string;
                    };
                    image: string | null;
                    unitPriceMinor: number;
                    currency: string;
                    quantity: number;
                    stock: number;
                    available: boolean;
                }[];
            }[];
            totalMinor: number;
            currency: string;
            itemCount: number;
        };
        Payment: {
            id: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed" | "refunded" | "partially_refunded";
            amountMinor: number;
            refundedMinor: number;
            currency: string;
            /** @description the hosted pay page to send the buyer to */
            payUrl: string;
            orderIds: string[];
            createdAt: number;
        };
        Launch: {
            id: string;
            storeId: string;
            storeName: string;
            storeVerified: boolean;
            /** @description in the language asked for (?lang= or Accept-Language), else the primary title */
            title: string;
            description: string;
            texts: {
                [key: string]: {
                    title?: string;
                    description?: string;
                };
            };
            /** @enum {string} */
            phase: "scheduled" | "registration" | "live" | "sold_out" | "ended" | "cancelled";
            paused: boolean;
            startsAt: number;
            endsAt: number;
            registrationRequired: boolean;
            registrationOpensAt: number | null;
            perBuyerLimit: number;
            paymentWindowMs: number;
            admission: {
                ratePerSecond: number;
                maxActive: number;
                passTtlMs: number;
            };
            powDifficulty: number;
            /** @description the pre-queue draw once done: the revealed seed and the frozen entrants' hash (GET /launches/:id/draw has the list; docs/draw.md) */
            draw: {
                seed: string;
                at: number;
                prequeueCount: number;
                entrantsHash: string | null;
            } | null;
            /** @description SHA-256 of the draw's seed, published from scheduling on; the seed revealed at the start must hash to it */
            drawCommitment: string | null;
            items: {
                skuId: string;
                productId: string;
                title: string;
                options: {
                    [key: string]: string;
                };
                optionLabels: {
                    [key: string]: string;
                };
                image: string | null;
                allotment: number;
                available: number;
                launchPriceMinor: number;
                regularPriceMinor: number;
                currency: string;
            }[];
            registeredCount: number;
            /** @description whether the signed-in caller is registered (GET of one launch while signed in); null otherwise */
            registered: boolean | null;
            /** @description the server's clock, for countdowns */
            serverTime: number;
        };
        QueueStatus: {
            /** @enum {string} */
            state: "prequeue" | "waiting" | "admitted" | "sold_out" | "ended" | "paused";
            position: number | null;
            ahead: number | null;
            etaSeconds: number | null;
            /** @description admission pass: send it as x-admission-pass to reserve */
            pass: string | null;
            passExpiresAt: number | null;
            available: number;
            serverTime: number;
            /** @description when a client that polls (without the stream) should ask again; null: nothing more will change */
            pollAfterMs: number | null;
        };
        Hold: {
            id: string;
            launchId: string;
            skuId: string;
            quantity: number;
            priceMinor: number;
            currency: string;
            /** @enum {string} */
            status: "held" | "paid" | "expired" | "cancelled";
            expiresAt: number;
            orderId: string | null;
            createdAt: number;
        };
        Statement: {
            storeId: string;
            currency: string;
            from: number;
            to: number;
            openingBalanceMinor: number;
            closingBalanceMinor: number;
            totals: {
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
            };
            days: {
                day: number;
                closingMinor: number;
            }[];
            lines: {
                at: number;
                kind: string;
                amountMinor: number;
                balanceAfterMinor: number;
                orderId: string | null;
                refundId: string | null;
                payoutId: string | null;
            }[];
            linesTruncated: boolean;
            balance: {
                /** @description everything owed to the store (negative: the store owes the platform, carried forward) */
                balanceMinor: number;
                /** @description payable now: sales past their return window, less refunds and payouts */
                availableMinor: number;
                /** @description waiting for delivery plus the return window */
                pendingMinor: number;
                inPayoutMinor: number;
                nextReleaseAt: number | null;
            };
        };
        Payout: {
            id: string;
            batchId: string | null;
            storeId: string;
            amountMinor: number;
            currency: string;
            /** @enum {string} */
            status: "requested" | "sent" | "paid" | "failed";
            failureReason: string | null;
            createdAt: number;
            updatedAt: number;
        };
        CommissionRule: {
            id: string;
            storeKind: ("marketplace" | "flagship") | null;
            category: string | null;
            launchId: string | null;
            rateBps: number;
            effectiveFrom: number;
            note: string | null;
            createdBy: string;
            createdAt: number;
        };
        MoneyOverview: {
            currency: string;
            from: number;
            to: number;
            stores: {
                storeId: string;
                name: string;
                /** @enum {string} */
                kind: "marketplace" | "flagship";
                openingBalanceMinor: number;
                closingBalanceMinor: number;
                availableMinor: number;
                pendingMinor: number;
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
            }[];
            totals: {
                salesMinor: number;
                salesCount: number;
                commissionMinor: number;
                refundsMinor: number;
                refundsCount: number;
                commissionRefundedMinor: number;
                payoutsMinor: number;
                payoutsReturnedMinor: number;
                openingBalanceMinor: number;
                closingBalanceMinor: number;
            };
            platform: {
                revenueMinor: number;
                revenueBalanceMinor: number;
                clearingMinor: number;
                refundsPayableMinor: number;
                payoutsInTransitMinor: number;
            };
        };
        AnalyticsSales: {
            from: number;
            to: number;
            /** @enum {string} */
            bucket: "minute" | "hour" | "day";
            points: {
                bucketStart: number;
                currency: string;
                views: number;
                orders: number;
                units: number;
                revenueMinor: number;
                refunds: number;
                refundedUnits: number;
                refundedMinor: number;
                shipped: number;
                delivered: number;
            }[];
        };
        AnalyticsSkus: {
            from: number;
            to: number;
            rows: {
                skuId: string;
                storeId: string;
                productId: string | null;
                title: string | null;
                code: string | null;
                options: {
                    [key: string]: string;
                };
                name: string;
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedUnits: number;
                refundedMinor: number;
            }[];
        };
        AnalyticsDevices: {
            from: number;
            to: number;
            devices: {
                /** @enum {string} */
                device: "phone" | "tablet" | "desktop" | "tv" | "unknown";
                buyers: number;
                transactions: number;
                units: number;
                buyerShare: number;
                transactionShare: number;
            }[];
            buyers: number;
            transactions: number;
            mobileTransactionShare: number;
            mobileBuyerShare: number;
            /** @description false when a buyer count was estimated (HyperLogLog, about ±1.6 %) */
            buyersExact: boolean;
        };
        AnalyticsRegions: {
            from: number;
            to: number;
            rows: {
                /** @description the province's division code (orders from before codes: their text, when it names no province) */
                region: string;
                /** @description the province in every locale */
                names?: {
                    [key: string]: string;
                };
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
            }[];
        };
        LaunchFunnel: {
            launchId: string;
            storeId: string;
            title: string;
            startsAt: number;
            endsAt: number;
            steps: {
                /** @enum {string} */
                step: "registered" | "queued" | "admitted" | "held" | "paid";
                buyers: number;
                conversionFromPrevious: number | null;
                conversionFromFirst: number | null;
            }[];
            holds: number;
            heldUnits: number;
            paidHolds: number;
            paidUnits: number;
            expiredHolds: number;
            expiredUnits: number;
            cancelledHolds: number;
            holdExpiryRate: number | null;
            refusals: {
                reason: string;
                count: number;
            }[];
        };
        AnalyticsFunnels: {
            from: number;
            to: number;
            launches: components["schemas"]["LaunchFunnel"][];
        };
        LaunchSellout: {
            launchId: string;
            startsAt: number;
            allotment: number;
            resolutionSeconds: number;
            timeToSellOutSeconds: number | null;
            timeToPaidOutSeconds: number | null;
            points: {
                second: number;
                heldUnits: number;
                paidUnits: number;
                releasedUnits: number;
                reservedUnits: number;
                paidTotal: number;
            }[];
        };
        LaunchWaitingTimes: {
            launchId: string;
            admitted: number;
            buyers: number;
            meanWaitSeconds: number | null;
            buckets: {
                fromSeconds: number;
                toSeconds: number | null;
                admitted: number;
                share: number;
            }[];
        };
        Region: {
            /** @description GB/T 2260 division code */
            code: string;
            /** @enum {string} */
            level: "province" | "city" | "district";
            parent: string | null;
            /** @description in the language asked for (?lang= or Accept-Language), else Chinese */
            name: string;
            names: {
                [key: string]: string;
            };
        };
        InboxItem: {
            id: string;
            /** @enum {string} */
            kind: "registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low";
            title: string;
            body: string;
            url: string;
            createdAt: number;
            readAt: number | null;
        };
        NotificationPreferences: {
            email: boolean;
            push: boolean;
            /** @enum {string} */
            locale: "en" | "zh-CN";
            muted: ("registration_confirmed" | "launch_starting" | "your_turn" | "hold_expiring" | "order_paid" | "order_shipped" | "order_delivered" | "refund_sent" | "launch_sold_out" | "units_back" | "holds_expired" | "orders_to_ship" | "stock_low")[];
        };
        Membership: {
            storeId: string;
            name: string;
            /** @enum {string} */
            role: "owner" | "staff";
        };
        SessionInfo: {
            user: components["schemas"]["User"] | null;
            stores: components["schemas"]["Membership"][];
        };
        AdminOrderList: {
            orders: components["schemas"]["Order"][];
            nextCursor: string | null;
            /** @description the stores of the orders, by id */
            stores: {
                [key: string]: {
                    name: string;
                    slug: string;
                };
            };
            /** @description the buyers of the orders, by id */
            buyers: {
                [key: string]: {
                    name: string;
                    email: string;
                };
            };
        };
        LaunchDraw: {
            launchId: string;
            /** @constant */
            scheme: "flashmall-draw-v1";
            startsAt: number;
            /**
             * @description committed: the seed is committed, not yet revealed; drawn: revealed and applied; uncommitted: a launch scheduled before commitments existed
             * @enum {string}
             */
            state: "committed" | "drawn" | "uncommitted";
            /** @description SHA-256 of the seed's 32 bytes (hex) */
            commitment: string | null;
            committedAt: number | null;
            /** @description the seed (64 hex digits), revealed at the start */
            seed: string | null;
            drawnAt: number | null;
            /** @description SHA-256 of the frozen entrant list (docs/draw.md) */
            entrantsHash: string | null;
            /** @description the frozen pre-queue in arrival order */
            entrants: {
                arrival: number;
                ticket: string;
            }[];
            /** @description tickets in drawn order (place 1 first) */
            line: string[];
            /** @description the signed-in caller's own ticket, when they entered */
            mine: {
                ticket: string;
                arrival: number;
                position: number | null;
            } | null;
        };
        DrawReceipt: {
            launchId: string;
            ticket: string;
            arrival: number;
            joinedAt: number;
            commitment: string | null;
        };
        LaunchMonitor: {
            at: number;
            /** @enum {string} */
            phase: "scheduled" | "registration" | "live" | "sold_out" | "ended" | "cancelled";
            paused: boolean;
            registered: number;
            queued: number;
            waitingForReturns: number;
            admitted: number;
            active: number;
            held: number;
            sold: number;
            available: number;
            allotment: number;
            attempts: number;
            attemptsPerSecond: number;
            holdsCreated: number;
            payments: number;
            rejections: {
                [key: string]: number;
            };
            skus: {
                skuId: string;
                allotment: number;
                available: number;
                held: number;
                sold: number;
            }[];
        };
        LaunchMonitorHistory: {
            launchId: string;
            points: {
                at: number;
                heldUnits: number;
                paidUnits: number;
                /** @description units returned in that second (holds expired or cancelled) */
                releasedUnits: number;
            }[];
        };
        AnalyticsStoreSplit: {
            from: number;
            to: number;
            totals: {
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedMinor: number;
            }[];
            stores: {
                storeId: string;
                name: string | null;
                currency: string;
                orders: number;
                units: number;
                revenueMinor: number;
                refundedMinor: number;
                revenueShare: number | null;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
