/** The pseudonymisation key from AWS Secrets Manager (the SDK side of lib/privacy). */
export { SecretsManagerKeyProvider, type SecretsManagerKeyProviderOptions } from './SecretsManagerKeyProvider';
