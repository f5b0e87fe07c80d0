/** Whether two names are the same person's as the case writes them: case and surrounding spaces aside. */
export const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase('nb') === b.trim().toLocaleLowerCase('nb');
