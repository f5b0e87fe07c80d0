import { useEffect } from 'react';

let initialLoad = true;

/**
 * Each page names itself in the browser tab. After a navigation inside the app (not the first
 * load), focus moves to the new page's heading, as a page load would put a screen reader there.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Barnekoordinator`;
  }, [title]);
  useEffect(() => {
    if (initialLoad) {
      initialLoad = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, []);
}
