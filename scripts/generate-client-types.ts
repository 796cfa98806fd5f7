import { writeFileSync } from 'node:fs';
import { generateSchemaSource } from '../client/openapi-document.ts';

/** Writes client/schema.d.ts from the server's OpenAPI document (checked in; a test keeps it current). */
writeFileSync(new URL('../client/schema.d.ts', import.meta.url), await generateSchemaSource());
console.log('client/schema.d.ts written');
