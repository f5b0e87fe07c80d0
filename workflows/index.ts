// The workflow bundle's entry point: every workflow type the worker runs.
export { caseWorkflow } from './case/workflow';
export { absenceFanOutWorkflow } from './absence/workflow';
export { letterDeliveryWorkflow } from './delivery/workflow';
