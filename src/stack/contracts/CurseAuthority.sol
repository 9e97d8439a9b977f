// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

interface IRMNRemoteCurse {
    function curse(bytes16[] calldata subjects) external;
    function uncurse(bytes16[] calldata subjects) external;
    function acceptOwnership() external;
    function transferOwnership(address to) external;
    function isCursed(bytes16 subject) external view returns (bool);
}

/// @title Curse authority of a local chain's RMNRemote (ccipkit, MIT)
/// @notice Owns the RMNRemote, so no single key can curse: a subject is cursed once `threshold`
/// distinct RMN nodes voted for it (in the spirit of the 1.5 RMN's weighted curse votes), or
/// when the operator curses it. Only the operator lifts a curse; that also clears the votes.
contract CurseAuthority {
    IRMNRemoteCurse public immutable rmnRemote;
    address public immutable operator;
    uint256 public immutable threshold;
    mapping(address => bool) public isVoter;
    /// @dev Votes count per subject and per curse round, so an uncurse starts a fresh count.
    mapping(bytes16 => uint256) public round;
    mapping(bytes16 => uint256) public votes;
    mapping(bytes32 => bool) private voted;

    event VotedToCurse(address indexed voter, bytes16 indexed subject, uint256 votes, string reason);
    event SubjectCursed(bytes16 indexed subject, bool byVote, string reason);
    event SubjectUncursed(bytes16 indexed subject);

    error NotOperator(address caller);
    error NotVoter(address caller);
    error AlreadyVoted(address voter, bytes16 subject);

    constructor(address rmnRemote_, address operator_, address[] memory voters, uint256 threshold_) {
        rmnRemote = IRMNRemoteCurse(rmnRemote_);
        operator = operator_;
        threshold = threshold_;
        for (uint256 i = 0; i < voters.length; ++i) {
            isVoter[voters[i]] = true;
        }
    }

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    /// @notice Second step of the RMNRemote's two-step ownership transfer to this contract.
    function acceptRmnOwnership() external onlyOperator {
        rmnRemote.acceptOwnership();
    }

    /// @notice Hand the RMNRemote to another owner (e.g. back to the operator).
    function transferRmnOwnership(address to) external onlyOperator {
        rmnRemote.transferOwnership(to);
    }

    function voteToCurse(bytes16 subject, string calldata reason) external {
        if (!isVoter[msg.sender]) revert NotVoter(msg.sender);
        bytes32 key = keccak256(abi.encode(subject, round[subject], msg.sender));
        if (voted[key]) revert AlreadyVoted(msg.sender, subject);
        voted[key] = true;
        uint256 count = ++votes[subject];
        emit VotedToCurse(msg.sender, subject, count, reason);
        if (count == threshold) _curse(subject, true, reason);
    }

    function curse(bytes16[] calldata subjects, string calldata reason) external onlyOperator {
        for (uint256 i = 0; i < subjects.length; ++i) {
            _curse(subjects[i], false, reason);
        }
    }

    function uncurse(bytes16[] calldata subjects) external onlyOperator {
        rmnRemote.uncurse(subjects);
        for (uint256 i = 0; i < subjects.length; ++i) {
            round[subjects[i]] += 1;
            votes[subjects[i]] = 0;
            emit SubjectUncursed(subjects[i]);
        }
    }

    function _curse(bytes16 subject, bool byVote, string memory reason) private {
        bytes16[] memory one = new bytes16[](1);
        one[0] = subject;
        rmnRemote.curse(one);
        emit SubjectCursed(subject, byVote, reason);
    }
}
