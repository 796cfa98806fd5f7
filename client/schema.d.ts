/* Generated from the server's OpenAPI document by `npm run client:types`; do not edit. */

export interface paths {
    "/api/v1/server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            requireInvite: boolean;
                            setupRequired: boolean;
                            providers: {
                                /** @enum {boolean} */
                                password: true;
                                google: boolean;
                                apple: boolean;
                            };
                            version: string;
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
    "/api/v1/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        setupToken: string;
                        /** @description 3–32 letters, digits, ".", "_" or "-"; compared case-insensitively */
                        username: string;
                        password: string;
                        /** Format: email */
                        email?: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        /** @description 3–32 letters, digits, ".", "_" or "-"; compared case-insensitively */
                        username: string;
                        password: string;
                        /** Format: email */
                        email?: string;
                        inviteCode?: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
                        username: string;
                        password: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        refreshToken?: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
                        refreshToken?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            id: string;
                            username: string;
                            email: string | null;
                            role: "admin" | "user";
                            status: "active" | "disabled";
                            authMethods: ("password" | "google" | "apple")[];
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password?: string;
                        confirm?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        currentPassword?: string;
                        newPassword?: string;
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
                            id: string;
                            username: string;
                            email: string | null;
                            role: "admin" | "user";
                            status: "active" | "disabled";
                            authMethods: ("password" | "google" | "apple")[];
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                lastUsedAt: string;
                                userAgent: string | null;
                                current: boolean;
                            }[];
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
    "/api/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    format?: "json" | "zip";
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
                    content?: never;
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
    "/api/v1/me/export/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        format: "json" | "zip";
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
                            /** @description path of the download, /api/v1/me/export/download/{ticket} */
                            url: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            expiresAt: string;
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
    "/api/v1/me/export/download/{ticket}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticket: string;
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
                    content?: never;
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
    "/api/v1/me/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                format: "json" | "zip";
                                bytes: number;
                            }[];
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
    "/api/v1/health-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description ISO 8601 UTC time */
                    from?: string;
                    /** @description ISO 8601 UTC time */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                recordedAt: string;
                                type: string;
                                /** @description any JSON object, at most 64 KiB serialized */
                                data: {
                                    [key: string]: unknown;
                                };
                                notes: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC time
                         */
                        recordedAt: string;
                        type: string;
                        /** @description any JSON object, at most 64 KiB serialized */
                        data: {
                            [key: string]: unknown;
                        };
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            recordedAt: string;
                            type: string;
                            /** @description any JSON object, at most 64 KiB serialized */
                            data: {
                                [key: string]: unknown;
                            };
                            notes: string | null;
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
    "/api/v1/health-records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            recordedAt: string;
                            type: string;
                            /** @description any JSON object, at most 64 KiB serialized */
                            data: {
                                [key: string]: unknown;
                            };
                            notes: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC time
                         */
                        recordedAt?: string;
                        type?: string;
                        /** @description any JSON object, at most 64 KiB serialized */
                        data?: {
                            [key: string]: unknown;
                        };
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            recordedAt: string;
                            type: string;
                            /** @description any JSON object, at most 64 KiB serialized */
                            data: {
                                [key: string]: unknown;
                            };
                            notes: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description YYYY-MM-DD */
                    from?: string;
                    /** @description YYYY-MM-DD */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                date: string;
                                mood: number | null;
                                energy: number | null;
                                sleepHours: number | null;
                                notes: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        mood?: number | null;
                        energy?: number | null;
                        sleepHours?: number | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            mood: number | null;
                            energy: number | null;
                            sleepHours: number | null;
                            notes: string | null;
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
    "/api/v1/check-ins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            mood: number | null;
                            energy: number | null;
                            sleepHours: number | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date?: string;
                        mood?: number | null;
                        energy?: number | null;
                        sleepHours?: number | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            mood: number | null;
                            energy: number | null;
                            sleepHours: number | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/interventions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description YYYY-MM-DD */
                    from?: string;
                    /** @description YYYY-MM-DD */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                name: string;
                                kind: "supplement" | "medication" | "habit" | "diet" | "other";
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                startedOn: string;
                                dose: string | null;
                                endedOn: string | null;
                                notes: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        kind: "supplement" | "medication" | "habit" | "diet" | "other";
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        startedOn: string;
                        dose?: string | null;
                        endedOn?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            name: string;
                            kind: "supplement" | "medication" | "habit" | "diet" | "other";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            startedOn: string;
                            dose: string | null;
                            endedOn: string | null;
                            notes: string | null;
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
    "/api/v1/interventions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            name: string;
                            kind: "supplement" | "medication" | "habit" | "diet" | "other";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            startedOn: string;
                            dose: string | null;
                            endedOn: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        kind?: "supplement" | "medication" | "habit" | "diet" | "other";
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        startedOn?: string;
                        dose?: string | null;
                        endedOn?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            name: string;
                            kind: "supplement" | "medication" | "habit" | "diet" | "other";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            startedOn: string;
                            dose: string | null;
                            endedOn: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/observations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description ISO 8601 UTC time */
                    from?: string;
                    /** @description ISO 8601 UTC time */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                observedAt: string;
                                metric: string;
                                value: number;
                                unit: string | null;
                                interventionId: string | null;
                                notes: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC time
                         */
                        observedAt: string;
                        metric: string;
                        value: number;
                        unit?: string | null;
                        interventionId?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            observedAt: string;
                            metric: string;
                            value: number;
                            unit: string | null;
                            interventionId: string | null;
                            notes: string | null;
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
    "/api/v1/observations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            observedAt: string;
                            metric: string;
                            value: number;
                            unit: string | null;
                            interventionId: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC time
                         */
                        observedAt?: string;
                        metric?: string;
                        value?: number;
                        unit?: string | null;
                        interventionId?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            observedAt: string;
                            metric: string;
                            value: number;
                            unit: string | null;
                            interventionId: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/lab-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description YYYY-MM-DD */
                    from?: string;
                    /** @description YYYY-MM-DD */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                collectedOn: string;
                                analyte: string;
                                value: number;
                                unit: string | null;
                                referenceLow: number | null;
                                referenceHigh: number | null;
                                lab: string | null;
                                notes: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        collectedOn: string;
                        analyte: string;
                        value: number;
                        unit?: string | null;
                        referenceLow?: number | null;
                        referenceHigh?: number | null;
                        lab?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            collectedOn: string;
                            analyte: string;
                            value: number;
                            unit: string | null;
                            referenceLow: number | null;
                            referenceHigh: number | null;
                            lab: string | null;
                            notes: string | null;
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
    "/api/v1/lab-results/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            collectedOn: string;
                            analyte: string;
                            value: number;
                            unit: string | null;
                            referenceLow: number | null;
                            referenceHigh: number | null;
                            lab: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        collectedOn?: string;
                        analyte?: string;
                        value?: number;
                        unit?: string | null;
                        referenceLow?: number | null;
                        referenceHigh?: number | null;
                        lab?: string | null;
                        notes?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            collectedOn: string;
                            analyte: string;
                            value: number;
                            unit: string | null;
                            referenceLow: number | null;
                            referenceHigh: number | null;
                            lab: string | null;
                            notes: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description ISO 8601 UTC time */
                    from?: string;
                    /** @description ISO 8601 UTC time */
                    to?: string;
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                updatedAt: string;
                                provider: string;
                                label: string | null;
                                expiresAt: string | null;
                                /** @description the last 4 characters of the access token */
                                tokenHint: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        provider: string;
                        accessToken: string;
                        label?: string | null;
                        expiresAt?: string | null;
                        refreshToken?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            provider: string;
                            label: string | null;
                            expiresAt: string | null;
                            /** @description the last 4 characters of the access token */
                            tokenHint: string;
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
    "/api/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            provider: string;
                            label: string | null;
                            expiresAt: string | null;
                            /** @description the last 4 characters of the access token */
                            tokenHint: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        provider?: string;
                        accessToken?: string;
                        label?: string | null;
                        expiresAt?: string | null;
                        refreshToken?: string | null;
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
                            id: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            updatedAt: string;
                            provider: string;
                            label: string | null;
                            expiresAt: string | null;
                            /** @description the last 4 characters of the access token */
                            tokenHint: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
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
                            valid: boolean;
                            reason: ("invalid" | "expired" | "exhausted" | "revoked") | null;
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
    "/api/v1/admin/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    state?: "active" | "expired" | "exhausted" | "revoked";
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
                            items: {
                                id: string;
                                /** @description printed in groups, e.g. K7QXM-4RTPW-9HJZA; matched case-insensitively, separators ignored */
                                code: string;
                                link: string;
                                label: string | null;
                                maxUses: number | null;
                                uses: number;
                                expiresAt: string | null;
                                revokedAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                createdBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                state: "active" | "expired" | "exhausted" | "revoked";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
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
                        label?: string | null;
                        maxUses?: number | null;
                        expiresAt?: string | null;
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
                            id: string;
                            /** @description printed in groups, e.g. K7QXM-4RTPW-9HJZA; matched case-insensitively, separators ignored */
                            code: string;
                            link: string;
                            label: string | null;
                            maxUses: number | null;
                            uses: number;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            state: "active" | "expired" | "exhausted" | "revoked";
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
    "/api/v1/admin/invites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /** @description printed in groups, e.g. K7QXM-4RTPW-9HJZA; matched case-insensitively, separators ignored */
                            code: string;
                            link: string;
                            label: string | null;
                            maxUses: number | null;
                            uses: number;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            state: "active" | "expired" | "exhausted" | "revoked";
                            users: {
                                id: string;
                                username: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                            }[];
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
    "/api/v1/admin/invites/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            /** @description printed in groups, e.g. K7QXM-4RTPW-9HJZA; matched case-insensitively, separators ignored */
                            code: string;
                            link: string;
                            label: string | null;
                            maxUses: number | null;
                            uses: number;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            createdBy: {
                                id: string;
                                username: string;
                            } | null;
                            state: "active" | "expired" | "exhausted" | "revoked";
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
        get: {
            parameters: {
                query?: {
                    q?: string;
                    role?: "admin" | "user";
                    status?: "active" | "disabled";
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
                            items: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                                lastLoginAt: string | null;
                                invitedBy: {
                                    id: string;
                                    username: string;
                                } | null;
                                invite: {
                                    id: string;
                                    label: string | null;
                                } | null;
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                            id: string;
                            username: string;
                            email: string | null;
                            role: "admin" | "user";
                            status: "active" | "disabled";
                            authMethods: ("password" | "google" | "apple")[];
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            lastLoginAt: string | null;
                            invitedBy: {
                                id: string;
                                username: string;
                            } | null;
                            invite: {
                                id: string;
                                label: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role?: "admin" | "user";
                        status?: "active" | "disabled";
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
                            id: string;
                            username: string;
                            email: string | null;
                            role: "admin" | "user";
                            status: "active" | "disabled";
                            authMethods: ("password" | "google" | "apple")[];
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                            lastLoginAt: string | null;
                            invitedBy: {
                                id: string;
                                username: string;
                            } | null;
                            invite: {
                                id: string;
                                label: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
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
                            items: {
                                id: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                at: string;
                                actor: {
                                    id: string;
                                    username: string;
                                } | null;
                                action: string;
                                target: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                            nextCursor: string | null;
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
    "/api/v1/auth/google": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        idToken: string;
                        nonce?: string;
                        inviteCode?: string;
                        /** @description 3–32 letters, digits, ".", "_" or "-"; compared case-insensitively */
                        username?: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
    "/api/v1/auth/apple": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                        idToken: string;
                        nonce?: string;
                        inviteCode?: string;
                        /** @description 3–32 letters, digits, ".", "_" or "-"; compared case-insensitively */
                        username?: string;
                        fullName?: string;
                        cookie?: boolean;
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
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            accessTokenExpiresAt: string;
                            refreshToken: string | null;
                            refreshTokenExpiresAt: string | null;
                            limited: boolean;
                            user: {
                                id: string;
                                username: string;
                                email: string | null;
                                role: "admin" | "user";
                                status: "active" | "disabled";
                                authMethods: ("password" | "google" | "apple")[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 UTC time
                                 */
                                createdAt: string;
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
    "/api/v1/auth/google/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    invite?: string;
                    returnTo?: string;
                    link?: string;
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
                    content?: never;
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
    "/api/v1/auth/google/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    code?: string;
                    state?: string;
                    error?: string;
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
                    content?: never;
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
    "/api/v1/me/identities/google/link-intent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
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
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
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
    "/api/v1/me/identities/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: "google" | "apple";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        idToken: string;
                        nonce?: string;
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
                            id: string;
                            username: string;
                            email: string | null;
                            role: "admin" | "user";
                            status: "active" | "disabled";
                            authMethods: ("password" | "google" | "apple")[];
                            /**
                             * Format: date-time
                             * @description ISO 8601 UTC time
                             */
                            createdAt: string;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: "google" | "apple";
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
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
