// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The CCIP message as the Router delivers it (Client.Any2EVMMessage).
struct EVMTokenAmount {
    address token;
    uint256 amount;
}

struct Any2EVMMessage {
    bytes32 messageId;
    uint64 sourceChainSelector;
    bytes sender;
    bytes data;
    EVMTokenAmount[] destTokenAmounts;
}

/// A dApp's receiver: keeps the last message and what each token brought; can be closed, and
/// then every delivery reverts (the message ends in FAILURE until it is executed again).
contract Inbox {
    address public immutable router;
    bool public closed;
    uint256 public received;
    bytes32 public lastMessageId;
    bytes public lastData;
    mapping(address => uint256) public tokensReceived;

    error OnlyRouter(address caller);
    error Closed(bytes32 messageId);

    constructor(address router_) {
        router = router_;
    }

    function setClosed(bool value) external {
        closed = value;
    }

    /// ERC-165: the OffRamp calls ccipReceive only on a contract that says it has it.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == this.ccipReceive.selector || interfaceId == this.supportsInterface.selector;
    }

    function ccipReceive(Any2EVMMessage calldata message) external {
        if (msg.sender != router) revert OnlyRouter(msg.sender);
        if (closed) revert Closed(message.messageId);
        received += 1;
        lastMessageId = message.messageId;
        lastData = message.data;
        for (uint256 i = 0; i < message.destTokenAmounts.length; i++) {
            tokensReceived[message.destTokenAmounts[i].token] += message.destTokenAmounts[i].amount;
        }
    }
}
