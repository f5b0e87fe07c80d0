import { Pagination, usePagination } from '@digdir/designsystemet-react';
import { t } from '../i18n';

/** Pages of a list that the API pages with limit and offset. */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset(offset: number): void }) {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const currentPage = Math.floor(offset / limit) + 1;
  const { pages, prevButtonProps, nextButtonProps } = usePagination({
    currentPage,
    totalPages,
    showPages: 7,
    setCurrentPage: (page) => onOffset((page - 1) * limit),
  });
  if (totalPages <= 1) return null;
  return (
    <Pagination aria-label={t('Sidenavigering')}>
      <Pagination.List>
        <Pagination.Item>
          <Pagination.Button aria-label={t('Forrige side')} {...prevButtonProps}>
            {t('Forrige')}
          </Pagination.Button>
        </Pagination.Item>
        {pages.map(({ page, itemKey, buttonProps }) => (
          <Pagination.Item key={itemKey}>
            {typeof page === 'number' && (
              <Pagination.Button aria-label={t('Side {{page}}', { page })} {...buttonProps}>
                {page}
              </Pagination.Button>
            )}
          </Pagination.Item>
        ))}
        <Pagination.Item>
          <Pagination.Button aria-label={t('Neste side')} {...nextButtonProps}>
            {t('Neste')}
          </Pagination.Button>
        </Pagination.Item>
      </Pagination.List>
    </Pagination>
  );
}
