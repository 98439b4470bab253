/**
 * The image of SageMaker's built-in XGBoost container, per region.
 */
import { Aws, CfnMapping, Fn, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The built-in XGBoost version served: the 1.7 line, which `snowline train` trains with (python3-xgboost 1.7). */
export const XGBOOST_IMAGE_TAG = '1.7-1';

/**
 * The AWS accounts that publish `sagemaker-xgboost` in each commercial region, from the SageMaker
 * Python SDK's image registry.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
export const XGBOOST_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = {
  'ap-east-1': '651117190479',
  'ap-northeast-1': '354813040037',
  'ap-northeast-2': '366743142698',
  'ap-south-1': '720646828776',
  'ap-southeast-1': '121021644041',
  'ap-southeast-2': '783357654285',
  'ca-central-1': '341280168497',
  'eu-central-1': '492215442770',
  'eu-north-1': '662702820516',
  'eu-south-1': '978288397137',
  'eu-west-1': '141502667606',
  'eu-west-2': '764974769150',
  'eu-west-3': '659782779980',
  'me-south-1': '801668240914',
  'sa-east-1': '737474898029',
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-west-1': '746614075791',
  'us-west-2': '246618743249',
};

/**
 * The XGBoost image URI for the stack's region: a literal when the region is known at synth, else
 * a CloudFormation mapping looked up at deploy time (a region outside it fails the deployment).
 *
 * @example
 * ```ts
 * xgboostImageUri(this); // '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' in us-east-1
 * ```
 */
export function xgboostImageUri(scope: IConstruct): string {
  const stack = Stack.of(scope);
  const region = stack.region;
  const known = XGBOOST_IMAGE_ACCOUNTS[region];
  // every region of the list is a commercial one, under amazonaws.com
  if (known !== undefined) return `${known}.dkr.ecr.${region}.amazonaws.com/sagemaker-xgboost:${XGBOOST_IMAGE_TAG}`;
  const id = 'XgboostImageAccounts';
  const mapping =
    (stack.node.tryFindChild(id) as CfnMapping | undefined) ??
    new CfnMapping(stack, id, { mapping: Object.fromEntries(Object.entries(XGBOOST_IMAGE_ACCOUNTS).map(([r, account]) => [r, { account }])) });
  return Fn.join('', [mapping.findInMap(Aws.REGION, 'account'), '.dkr.ecr.', Aws.REGION, '.', Aws.URL_SUFFIX, `/sagemaker-xgboost:${XGBOOST_IMAGE_TAG}`]);
}
