/** A precompiled validator (see scripts/schemas.ts): true when valid, else its errors are set. */
import type { ErrorObject } from "ajv";

export declare const validate: {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
};
export default validate;
