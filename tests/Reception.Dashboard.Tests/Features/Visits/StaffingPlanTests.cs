using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Visits;
using static Reception.Dashboard.Features.Visits.StaffingPlan;

namespace Reception.Dashboard.Tests.Features.Visits;

public sealed class StaffingPlanTests
{
    private static readonly Guid Gate = Guid.NewGuid(), Lobby = Guid.NewGuid(), Patrol = Guid.NewGuid(), DutyRoom = Guid.NewGuid(), Desk = Guid.NewGuid(), OtherGate = Guid.NewGuid();

    private static readonly SitePost[] Posts =
    [
        new(Gate, PostKind.Gate, 1), new(Lobby, PostKind.Lobby, 2), new(Patrol, PostKind.PatrolTeam, 3),
        new(DutyRoom, PostKind.DutyRoom, 4), new(Desk, PostKind.FrontDesk, 5), new(OtherGate, PostKind.Gate, 6),
    ];

    // One person per shift at the gate and on patrol; the morning shift is on duty at the arrival.
    private static readonly Guid GateMorning = Guid.NewGuid(), GateMiddle = Guid.NewGuid(), GateNight = Guid.NewGuid();
    private static readonly Guid PatrolMorning = Guid.NewGuid(), PatrolMiddle = Guid.NewGuid(), PatrolNight = Guid.NewGuid();

    private static readonly Rostered[] Roster =
    [
        new(GateMorning, ShiftKind.Morning, Gate), new(GateMiddle, ShiftKind.Middle, Gate), new(GateNight, ShiftKind.Night, Gate),
        new(PatrolMorning, ShiftKind.Morning, Patrol), new(PatrolMiddle, ShiftKind.Middle, Patrol), new(PatrolNight, ShiftKind.Night, Patrol),
    ];

    [Fact]
    public void Level1_EverySecurityPost_AllThreeShiftsAndPatrol_OffShiftsCalledIn()
    {
        // §4.3.1.1: morning, middle and night shifts and the patrol team, all on duty at designated posts.
        var plan = For(1, Posts, [Gate], ShiftKind.Morning, Roster);

        Assert.Equal([Gate, Lobby, Patrol, DutyRoom, OtherGate], plan.Select(p => p.PostId));
        var gate = plan.Single(p => p.PostId == Gate);
        Assert.True(gate.OnRoute);
        Assert.Equal([GateMorning, GateMiddle, GateNight], gate.Staff.Select(s => s.StaffId));
        // §4.5.4: the off-duty squads are called in and must be at their post by T-30.
        Assert.Equal([false, true, true], gate.Staff.Select(s => s.CalledIn));
        Assert.Equal(3, plan.Single(p => p.PostId == Patrol).Staff.Count);
        Assert.DoesNotContain(plan, p => p.PostId == Desk);
    }

    [Fact]
    public void Level2_RoutePatrolAndDutyRoom_MorningAndMiddlePatrolCalledIn_NightStaysHome()
    {
        // §4.3.1.2: morning- and middle-shift patrol staff, at normal posts.
        var plan = For(2, Posts, [Gate], ShiftKind.Morning, Roster);

        Assert.Equal([Gate, Patrol, DutyRoom], plan.Select(p => p.PostId));
        Assert.Equal([GateMorning], plan.Single(p => p.PostId == Gate).Staff.Select(s => s.StaffId));
        var patrol = plan.Single(p => p.PostId == Patrol).Staff;
        Assert.Equal([PatrolMorning, PatrolMiddle], patrol.Select(s => s.StaffId));
        Assert.Equal([false, true], patrol.Select(s => s.CalledIn));
    }

    [Fact]
    public void Level3_RouteAndDutyRoom_OnlyTheShiftOnDuty()
    {
        // §4.3.1.3: normal posts as usual; nobody is called in.
        var plan = For(3, Posts, [OtherGate, Gate], ShiftKind.Middle, Roster);

        Assert.Equal([OtherGate, Gate, DutyRoom], plan.Select(p => p.PostId)); // route order first
        Assert.Equal([GateMiddle], plan.Single(p => p.PostId == Gate).Staff.Select(s => s.StaffId));
        Assert.All(plan.SelectMany(p => p.Staff), s => Assert.False(s.CalledIn));
    }

    [Fact]
    public void AnyLevel_NoShiftOnDuty_EveryoneNamedIsCalledIn()
    {
        var plan = For(1, Posts, [Gate], onDuty: null, Roster);

        Assert.All(plan.SelectMany(p => p.Staff), s => Assert.True(s.CalledIn));
    }
}
