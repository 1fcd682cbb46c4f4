import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListOrder, listOrders, needsSearchIndex } from '../../search/search-engine';

/** The natural direction of each order: nearest deadline, newest received or registered, А→Я. */
const naturalOrder = (by: ListOrder['by']): ListOrder => ({
  by,
  descending: by === 'received' || by === 'registered' || by === 'number',
});

/** «Сортировка: по сроку ↑»: the key and the direction of the list. Memoised: the inbox re-renders on every read. */
export const ListOrderSelect = memo(function ListOrderSelect({
  order,
  onChange,
  available,
}: {
  order: ListOrder;
  onChange: (order: ListOrder) => void;
  /** Orders other than the deadline's wait for the search index. */
  available: boolean;
}) {
  const { t } = useTranslation();
  const direction = order.descending ? t('inbox.order.descending') : t('inbox.order.ascending');
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Typography variant="caption" color="text.secondary" component="label" htmlFor="inbox-order">
        {t('inbox.order.label')}
      </Typography>
      <Select
        id="inbox-order"
        variant="standard"
        value={order.by}
        // The closed select names the key alone (the menu adds why an order waits).
        renderValue={(by) => t(`inbox.order.by.${by}`)}
        onChange={(event) => onChange(naturalOrder(event.target.value as ListOrder['by']))}
        sx={{ typography: 'caption', minWidth: 120 }}
        inputProps={{ 'aria-label': t('inbox.order.label') }}
        data-testid="inbox-order"
      >
        {listOrders.map((by) => {
          const waits = !available && by !== 'deadline';
          return (
            <MenuItem key={by} value={by} disabled={waits}>
              {t(`inbox.order.by.${by}`)}
              {waits && (
                <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  {t('inbox.order.waitsForIndex')}
                </Typography>
              )}
            </MenuItem>
          );
        })}
      </Select>
      <Tooltip title={t('inbox.order.toggle')}>
        <Button
          size="small"
          sx={{ minWidth: 0, px: 1 }}
          aria-label={`${t('inbox.order.toggle')}: ${direction}`}
          onClick={() => onChange({ ...order, descending: !order.descending })}
          data-testid="inbox-order-direction"
        >
          {order.descending ? '↓' : '↑'}
        </Button>
      </Tooltip>
      {!available && needsSearchIndex(order) && (
        // The chosen order is kept and applied once the index is built; until then the list says so.
        <Typography variant="caption" color="warning.main" role="status" data-testid="inbox-order-waiting">
          {t('inbox.order.waiting')}
        </Typography>
      )}
    </Stack>
  );
});
