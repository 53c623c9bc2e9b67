import * as z from 'zod/mini';
import { contactLimits, tagsSchema, text } from '../contact/contact.schema';

/** `POST /v1/contacts/{id}/tags`. */
export const tagsAddSchema = z.strictObject({
  tags: tagsSchema.check(z.minLength(1)),
});

/** `PATCH /v1/tags/{tag}`: renames a tag on every contact that carries it. */
export const tagRenameSchema = z.strictObject({
  name: text(contactLimits.tagLength),
});

/** A tag as a path parameter: URL-decoded, then held to the tag rules. */
export const tagParamSchema = text(contactLimits.tagLength);
