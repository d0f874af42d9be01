/**
 * GraphQL Code Generator: typed documents for the operations in test/operations/*.graphql, checked
 * against the committed schema. The tests use them; partner clients can copy this setup.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'test/generated/': {
      preset: 'client',
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', LocalDate: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
