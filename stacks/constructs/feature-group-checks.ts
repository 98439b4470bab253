/**
 * Validation of feature group declarations passed as props, so a hand-built declaration fails at
 * `cdk synth` naming the field, as the declarations in `schemas/feature-groups.ts` fail at import.
 */
import type { IConstruct } from 'constructs';
import { type FeatureGroupDeclaration, FeatureGroupDeclarationSchema } from '../../schemas/feature-group-declaration';
import { invalid } from '../prop-checks';

/**
 * Throws {@link InvalidPropError} naming `${prop}.<field>` (e.g. `featureGroups[1].features.3.name`)
 * if `declaration` breaks a rule of `FeatureGroupDeclarationSchema`.
 *
 * @param scope the stack or construct the declaration was passed to
 * @param prop the prop holding it, e.g. `declaration`
 */
export function checkFeatureGroupDeclaration(scope: IConstruct, prop: string, declaration: FeatureGroupDeclaration): void {
  const parsed = FeatureGroupDeclarationSchema.safeParse(declaration);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const field = [prop, ...issue.path.map(String)].join('.');
  throw invalid(scope, field, valueAt(declaration, issue.path), issue.message);
}

/**
 * Throws {@link InvalidPropError} unless `declarations` is a non-empty list of valid declarations
 * with distinct names (case-insensitive, as Feature Store compares them).
 */
export function checkFeatureGroupDeclarations(
  scope: IConstruct,
  prop: string,
  declarations: readonly FeatureGroupDeclaration[],
): void {
  if (!Array.isArray(declarations) || declarations.length === 0) {
    throw invalid(scope, prop, declarations, 'a non-empty list of feature group declarations');
  }
  const seen = new Set<string>();
  declarations.forEach((declaration, index) => {
    checkFeatureGroupDeclaration(scope, `${prop}[${index}]`, declaration);
    const key = declaration.name.toLowerCase();
    if (seen.has(key)) throw invalid(scope, `${prop}[${index}].name`, declaration.name, 'a name no other group has');
    seen.add(key);
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
