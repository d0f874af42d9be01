/**
 * Every text a caller can send has a length limit, documented in the schema. String and ID
 * arguments and input fields take at most DEFAULT_MAX_LENGTH characters (200) unless
 * they declare their own maximum — an input field with `@MaxLength(n)`, an argument in
 * ARGUMENT_MAX_LENGTH — and never a NUL character (PostgreSQL cannot store one in text). The
 * limits are checked on the whole operation before it runs (src/server/safety/operation-limits.ts),
 * so an oversized search never reaches a source.
 */
import {
  getNamedType, isInputObjectType, isObjectType,
  type GraphQLArgument, type GraphQLInputField, type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';

/** Arguments (type-graphql's `@Arg` takes no extensions) with their own maximum length. */
export const ARGUMENT_MAX_LENGTH: Readonly<Record<string, number>> = {
  'Mutation.reopenGradeSheet.reason': 1000,
  'Mutation.checkIn.token': 500,
};

/** The maximum of a String or ID input without its own (a fixed number: the schema documents it). */
export const DEFAULT_MAX_LENGTH = 200;

/** Cursors carry a whole sort key (a name, a date and a number); they get room for it. */
const CURSOR_MAX_LENGTH = 1000;

/** Declares the maximum length of a string input field (the default is DEFAULT_MAX_LENGTH). */
export function MaxLength(characters: number): PropertyDecorator {
  return Extensions({ maxLength: characters }) as PropertyDecorator;
}

type TextInput = GraphQLArgument | GraphQLInputField;

const limits = new WeakMap<TextInput, number>();

const isText = (input: TextInput) => {
  const named = getNamedType(input.type).name;
  return named === 'String' || named === 'ID';
};

/**
 * Records the limit of every String and ID argument and input field of the schema and appends it
 * to the description ("At most 200 characters."), so the schema documents what is enforced.
 */
export function applyTextLimits(schema: GraphQLSchema): void {
  const apply = (input: TextInput, explicit: number | undefined) => {
    if (!isText(input)) return;
    const max = explicit ?? DEFAULT_MAX_LENGTH;
    limits.set(input, max);
    const note = `At most ${max} characters.`;
    if (!input.description?.includes(note)) input.description = input.description ? `${input.description.trimEnd()} ${note}` : note;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const coordinate = `${type.name}.${field.name}.${arg.name}`;
          apply(arg, ARGUMENT_MAX_LENGTH[coordinate] ?? (arg.name === 'after' ? CURSOR_MAX_LENGTH : undefined));
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const declared = (field.extensions as { maxLength?: number }).maxLength;
        apply(field, typeof declared === 'number' ? declared : undefined);
      }
    }
  }
}

/** The maximum length of a String or ID argument or input field (undefined for other types). */
export function maxLengthOf(input: TextInput): number | undefined {
  return limits.get(input);
}
