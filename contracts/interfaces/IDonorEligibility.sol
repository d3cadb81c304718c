// SPDX-License-Identifier: GPL-3.0-or-later
pragma solidity ^0.8.24;

/// @title IDonorEligibility
/// @notice Decides who may donate in a quadratic funding round. One stateless module serves every
/// round: each round passes its own `config` (a Merkle root, a membership contract ...) with the
/// donor's `proof`.
interface IDonorEligibility {
    /// @notice Whether `donor` may donate in a round configured with `config`.
    /// @param donor The account that donates.
    /// @param config The round's eligibility configuration (its meaning depends on the module).
    /// @param proof Evidence supplied by the donor (empty when the module needs none).
    function isEligible(address donor, bytes32 config, bytes calldata proof) external view returns (bool);
}
