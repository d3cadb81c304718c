/** The donor's cart: donations to projects of one or several rounds, kept in this browser until checkout. */
import type { Address } from "viem";

export interface CartItem {
  round: Address;
  projectId: string;
  amount: string; // wei, decimal
  label: string;
}

const KEY = "cosmolocal:cart";
const listeners = new Set<() => void>();
let items: CartItem[] = (() => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as CartItem[];
  } catch {
    return [];
  }
})();

function save(next: CartItem[]) {
  items = next;
  localStorage.setItem(KEY, JSON.stringify(items));
  for (const l of listeners) l();
}

export const cart = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  items: () => items,
  put(item: CartItem) {
    save([...items.filter((i) => !(i.round === item.round && i.projectId === item.projectId)), item]);
  },
  remove(round: Address, projectId: string) {
    save(items.filter((i) => !(i.round === round && i.projectId === projectId)));
  },
  clear() {
    save([]);
  },
};
