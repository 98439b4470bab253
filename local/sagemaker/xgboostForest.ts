import { z } from 'zod';
import { XgboostModelError } from './xgboostErrors';

const numberText = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const n = Number(value);
  if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `expected a number, got "${value}"` });
  return n;
});

const TreeSchema = z.object({
  split_indices: z.array(z.number().int().nonnegative()),
  split_conditions: z.array(z.number()),
  left_children: z.array(z.number().int()),
  right_children: z.array(z.number().int()),
  default_left: z.array(z.union([z.number(), z.boolean()])),
  categories_nodes: z.array(z.number()).optional(),
});

/**
 * The part of XGBoost 1.7's JSON model format ({@link https://xgboost.readthedocs.io/en/release_1.7.0/tutorials/saving_model.html})
 * that prediction reads: a gbtree booster of binary:logistic trees.
 */
const XgboostJsonSchema = z.object({
  version: z.array(z.number()).optional(),
  learner: z.object({
    learner_model_param: z.object({ base_score: numberText, num_class: numberText.optional(), num_feature: numberText, num_target: numberText.optional() }),
    objective: z.object({ name: z.string() }),
    gradient_booster: z.object({
      name: z.string(),
      model: z.object({ trees: z.array(TreeSchema), tree_info: z.array(z.number()).optional() }).optional(),
    }),
  }),
});

/** A parsed tree ensemble, flattened into typed arrays for fast evaluation. */
export interface XgboostForest {
  /** Columns the model was trained on. */
  readonly numFeature: number;
  /** The initial margin: logit(base_score), in float32 as XGBoost keeps it. */
  readonly baseMargin: number;
  readonly trees: readonly {
    readonly feature: Int32Array;
    /** Split threshold of an inner node (float32), leaf value of a leaf. */
    readonly value: Float32Array;
    readonly left: Int32Array;
    readonly right: Int32Array;
    readonly defaultLeft: Uint8Array;
  }[];
}

/**
 * Reads an XGBoost 1.7 JSON model (`booster.save_model('model.json')`) of objective
 * `binary:logistic`, checking what prediction needs: consistent node arrays, children inside
 * the tree, split features below `num_feature`, no categorical splits.
 *
 * @throws XgboostModelError naming `file` and the field at fault.
 */
export function parseXgboostForest(json: unknown, file = '<inline>'): XgboostForest {
  const parsed = XgboostJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new XgboostModelError(file, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { learner } = parsed.data;
  if (learner.objective.name !== 'binary:logistic') throw new XgboostModelError(file, `learner.objective.name is "${learner.objective.name}"; only binary:logistic is served`);
  if (learner.gradient_booster.name !== 'gbtree' || learner.gradient_booster.model === undefined) {
    throw new XgboostModelError(file, `learner.gradient_booster.name is "${learner.gradient_booster.name}"; only gbtree is served`);
  }
  const numClass = learner.learner_model_param.num_class ?? 0;
  if (numClass > 1) throw new XgboostModelError(file, `learner.learner_model_param.num_class is ${numClass}; only binary models are served`);
  const baseScore = learner.learner_model_param.base_score;
  if (!(baseScore > 0 && baseScore < 1)) throw new XgboostModelError(file, `learner.learner_model_param.base_score is ${baseScore}; binary:logistic needs it in (0, 1)`);
  const numFeature = learner.learner_model_param.num_feature;
  const trees = learner.gradient_booster.model.trees.map((tree, t) => {
    const where = `learner.gradient_booster.model.trees.${t}`;
    const n = tree.left_children.length;
    for (const key of ['split_indices', 'split_conditions', 'right_children', 'default_left'] as const) {
      if (tree[key].length !== n) throw new XgboostModelError(file, `${where}.${key} has ${tree[key].length} entries, left_children ${n}`);
    }
    if (n === 0) throw new XgboostModelError(file, `${where} has no nodes`);
    if ((tree.categories_nodes?.length ?? 0) > 0) throw new XgboostModelError(file, `${where} has categorical splits, which are not served`);
    for (let i = 0; i < n; i++) {
      const [l, r] = [tree.left_children[i]!, tree.right_children[i]!];
      if (l === -1 && r === -1) continue;
      if (!(l > i && l < n && r > i && r < n)) throw new XgboostModelError(file, `${where}: node ${i} has children ${l} and ${r}, outside the tree`);
      if (tree.split_indices[i]! >= numFeature) throw new XgboostModelError(file, `${where}: node ${i} splits on feature ${tree.split_indices[i]}, num_feature is ${numFeature}`);
    }
    return {
      feature: Int32Array.from(tree.split_indices),
      value: Float32Array.from(tree.split_conditions),
      left: Int32Array.from(tree.left_children),
      right: Int32Array.from(tree.right_children),
      defaultLeft: Uint8Array.from(tree.default_left, (d) => (d ? 1 : 0)),
    };
  });
  return { numFeature, baseMargin: Math.fround(-Math.log(1 / baseScore - 1)), trees };
}

/**
 * The probability XGBoost's `predict` gives for one row: every tree walked as XGBoost walks it
 * (the value and threshold compared as float32, `value < threshold` goes left, a missing value,
 * NaN, follows the node's default direction), the leaves summed onto the base margin in
 * float32, then the logistic.
 */
export function predictForest(forest: XgboostForest, row: readonly number[]): number {
  let margin = forest.baseMargin;
  for (const tree of forest.trees) {
    let node = 0;
    while (tree.left[node] !== -1) {
      const x = row[tree.feature[node]!];
      node = x === undefined || Number.isNaN(x) ? (tree.defaultLeft[node] ? tree.left[node]! : tree.right[node]!) : Math.fround(x) < tree.value[node]! ? tree.left[node]! : tree.right[node]!;
    }
    margin = Math.fround(margin + tree.value[node]!);
  }
  return Math.fround(1 / (1 + Math.exp(-margin)));
}
