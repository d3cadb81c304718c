import { HardhatPluginError } from "hardhat/plugins";

/** The raw form of a revert (see revert.ts `RevertDetails`). */
export interface RevertDetailsLike {
  error: string;
  selector: string;
  args: Record<string, string>;
  data: string;
}

/**
 * A problem with what the user asked for (a malformed address, an unknown name, a wrong number of
 * decimals ...). Hardhat prints it as one line and exits non-zero; nothing has been sent.
 */
export class TaskInputError extends HardhatPluginError {
  /** The raw custom error, when the problem is a revert (shown with --json and --verbose). */
  details?: RevertDetailsLike;
  /** The error this one explains (shown with --verbose). */
  original?: unknown;

  constructor(message: string) {
    super("cosmolocal", message);
    // HardhatPluginError resets the prototype; restore ours so `instanceof TaskInputError` holds.
    Object.setPrototypeOf(this, TaskInputError.prototype);
    this.name = "TaskInputError";
  }
}
