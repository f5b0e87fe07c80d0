import { useMemo } from 'react';
import { registryReads } from '../prefetch';
import { useQuery } from './useQuery';

/** The municipality's units and coordinators, for filters and names; read once per page. */
export function useRegistry() {
  const units = useQuery('units', registryReads.units);
  const coordinators = useQuery('coordinators', registryReads.coordinators);
  return useMemo(() => {
    const unitList = units.data?.units ?? [];
    const coordinatorList = coordinators.data?.coordinators ?? [];
    const unitName = new Map(unitList.map((u) => [u.id, u.name]));
    const coordinatorName = new Map(coordinatorList.map((c) => [c.id, c.name]));
    return {
      units: unitList,
      coordinators: coordinatorList,
      unitName: (id: string | null) => (id ? (unitName.get(id) ?? '') : ''),
      coordinatorName: (id: string | null) => (id ? (coordinatorName.get(id) ?? '') : ''),
      reloadUnits: units.reload,
      reloadCoordinators: coordinators.reload,
      error: units.error ?? coordinators.error,
    };
  }, [units.data, units.error, units.reload, coordinators.data, coordinators.error, coordinators.reload]);
}
