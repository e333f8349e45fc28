namespace Reception.Dashboard.Client.Contracts;

/// <summary>What a post is. Values start at 1 so that a missing value is never a valid kind.</summary>
public enum PostKind
{
    /// <summary>A gate or fixed duty post (执勤岗位).</summary>
    Gate = 1,
    /// <summary>A lobby post.</summary>
    Lobby,
    /// <summary>The patrol team (巡逻队).</summary>
    PatrolTeam,
    /// <summary>The duty room or command center (值班室).</summary>
    DutyRoom,
    /// <summary>Engineering (工程部).</summary>
    Engineering,
    /// <summary>The front desk (前台).</summary>
    FrontDesk,
}

/// <summary>The three daily shifts.</summary>
public enum ShiftKind
{
    /// <summary>Morning shift (早班).</summary>
    Morning = 1,
    /// <summary>Middle shift (中班).</summary>
    Middle,
    /// <summary>Night shift (夜班).</summary>
    Night,
}
