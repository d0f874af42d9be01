/**
 * Checks the text values of one field's arguments, after coercion (so values from variables and
 * from the document are checked alike): every String or ID value, also inside lists and input
 * objects, is at most its declared maximum length and holds no NUL character.
 */
import {
  getNullableType, isInputObjectType, isListType,
  type GraphQLArgument, type GraphQLInputField, type GraphQLInputType,
} from 'graphql';
import { ErrorCode, HubError } from '../../common/errors';
import { maxLengthOf } from '../../graphql/text-limits';

/** Errors for the text values of `args` (the coerced argument values of the field at `coordinate`). */
export function checkTexts(coordinate: string, args: readonly GraphQLArgument[], values: Record<string, unknown>): HubError[] {
  const errors: HubError[] = [];
  for (const arg of args) {
    if (values[arg.name] !== undefined) checkValue(arg, arg.type, values[arg.name], `${coordinate}(${arg.name})`, errors);
  }
  return errors;
}

function checkValue(input: GraphQLArgument | GraphQLInputField, type: GraphQLInputType, value: unknown, path: string, errors: HubError[]): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(input, nullable.ofType, item, `${path}[${i}]`, errors));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(field, field.type, fieldValue, `${path}.${name}`, errors);
    }
    return;
  }
  const max = maxLengthOf(input);
  if (max === undefined || typeof value !== 'string') return;
  if (value.length > max) {
    errors.push(
      new HubError(ErrorCode.VALIDATION_FAILED, `${path} may hold at most ${max} characters (got ${value.length}). The operation did not run.`, {
        field: path,
        maxLength: max,
      }),
    );
  } else if (value.includes('\u0000')) {
    errors.push(new HubError(ErrorCode.VALIDATION_FAILED, `${path} holds a NUL character, which no text may contain. The operation did not run.`, { field: path }));
  }
}
