import { HardhatPluginError } from "hardhat/plugins";

/**
 * A problem with what the user asked for (a malformed address, an unknown name, a wrong number of
 * decimals ...). Hardhat prints it as one line and exits non-zero; nothing has been sent.
 */
export class TaskInputError extends HardhatPluginError {
  constructor(message: string) {
    super("cosmolocal", message);
    // HardhatPluginError resets the prototype; restore ours so `instanceof TaskInputError` holds.
    Object.setPrototypeOf(this, TaskInputError.prototype);
    this.name = "TaskInputError";
  }
}
