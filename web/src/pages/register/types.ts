import type { paths } from '../../api';
import type { useRegistry } from '../../hooks/useRegistry';

export type Registry = ReturnType<typeof useRegistry>;
export type Caseload = paths['/ke/caseload']['get']['responses'][200]['content']['application/json'];
