// The model layer's public surface: engines by configuration, their types and their errors.
export { createModelEngines, getModelEngines, setModelEnginesForTesting, LOCAL_DIALECTIC_ENGINE } from './model-engines';
export { ModelCallError, ModelOutputError, toModelCallError } from './model-errors';
export { ModelConfigError, readModelConfig, type ModelConfig } from './model-config';
export type * from './engine-types';
