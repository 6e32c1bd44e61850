/** Who a customer row is, for the lists a user reads (the at-risk list). */
import { Roles, Table } from '../table';

/** Name, else first + last name, else email or id, else "row N" as the sheet numbers it. */
export function customerName(table: Table, roles: Roles, row: number): string {
  const byRole = (role: string): string => {
    const col = table.header.find((h) => roles[h] === role);
    const v = col ? table.rows[row][table.header.indexOf(col)] : '';
    return v === undefined || v === null ? '' : String(v).trim();
  };
  const full = byRole('name') || [byRole('first_name'), byRole('last_name')].filter(Boolean).join(' ');
  return full || byRole('email') || byRole('id') || `row ${row + 2}`;
}
