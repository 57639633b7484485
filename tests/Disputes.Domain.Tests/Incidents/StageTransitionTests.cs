using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using static Disputes.Domain.Tests.Incidents.IncidentTestData;

namespace Disputes.Domain.Tests.Incidents;

public sealed class StageTransitionTests
{
    private static readonly DateTime MoveAt = ReportedAt.AddHours(6);

    /// <summary>
    /// Written out from DESIGN.md ("Stage") and the plan's chain of command, not read from
    /// <see cref="StageTransitions"/>: a wrong edit of that table fails here.
    /// </summary>
    private static readonly Dictionary<IncidentAction, (Stage[] From, Stage To)> Moves = new()
    {
        [IncidentAction.Respond] = ([Stage.Reported], Stage.Responding),
        [IncidentAction.BeginResolving] = ([Stage.Responding], Stage.Resolving),
        [IncidentAction.Resolve] = ([Stage.Resolving], Stage.Resolved),
        [IncidentAction.Reopen] = ([Stage.Resolved], Stage.Resolving),
        [IncidentAction.Close] = ([Stage.Resolved], Stage.Closed),
        [IncidentAction.Cancel] = ([Stage.Reported, Stage.Responding], Stage.Cancelled),
    };

    /// <summary>Who may make which move on a Zhangpu incident. Everyone not listed may make none.</summary>
    private static readonly Dictionary<string, IncidentAction[]> MayMake = new()
    {
        ["zhangpu-officer"] = [IncidentAction.Respond, IncidentAction.BeginResolving],
        ["zhangpu-chair"] = [IncidentAction.Respond, IncidentAction.BeginResolving, IncidentAction.Resolve, IncidentAction.Reopen, IncidentAction.Close, IncidentAction.Cancel],
        ["duty-officer"] = [IncidentAction.Respond, IncidentAction.BeginResolving, IncidentAction.Resolve, IncidentAction.Reopen, IncidentAction.Close, IncidentAction.Cancel],
        ["yushan-officer"] = [],
        ["yushan-chair"] = [],
        ["labor-liaison"] = [],
        ["zhangpu-justice-liaison"] = [],
        ["city-leader"] = [],
        ["administrator"] = [],
    };

    public static TheoryData<Stage, IncidentAction, string> EveryStageActionAndRole()
    {
        var data = new TheoryData<Stage, IncidentAction, string>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            foreach (var action in Moves.Keys)
            {
                foreach (var who in Actors.Keys)
                {
                    data.Add(stage, action, who);
                }
            }
        }

        return data;
    }

    public static TheoryData<IncidentAction> EveryMove() => [.. Moves.Keys];

    [Fact]
    public void The_walk_covers_every_stage_move_and_every_role()
    {
        Assert.Equal(Moves.Keys.Order(), StageTransitions.All.Select(t => t.Action).Order());
        Assert.Equal(Actors.Keys.Order(), MayMake.Keys.Order());
        Assert.Equal(6 * 6 * 9, EveryStageActionAndRole().Count());
    }

    [Theory]
    [MemberData(nameof(EveryStageActionAndRole))]
    public void Every_stage_move_by_every_role_from_every_stage_follows_the_table(Stage stage, IncidentAction action, string who)
    {
        var actor = Actors[who];
        var incident = InStage(stage);
        Assert.Equal(stage, incident.Stage);
        var before = Snapshot.Of(incident);
        var (from, to) = Moves[action];
        var allowed = MayMake[who].Contains(action);

        Assert.Equal(allowed && (from.Contains(stage) || stage == to), IncidentPermissions.Can(actor, incident, action));

        if (!allowed)
        {
            var error = Assert.Throws<DomainException>(() => Make(incident, action, actor));
            Assert.Equal("incident.not-allowed", error.Code);
            Assert.Equal(before, Snapshot.Of(incident));
        }
        else if (stage == to)
        {
            Make(incident, action, actor);
            Assert.Equal(before, Snapshot.Of(incident));
        }
        else if (from.Contains(stage))
        {
            Make(incident, action, actor);
            Assert.Equal(to, incident.Stage);
            Assert.NotEqual(before.Token, incident.ConcurrencyToken);
            var entry = Assert.Single(incident.Timeline, e => e.Kind == TimelineKind.StageChanged && e.AtUtc == MoveAt);
            Assert.Equal(new IncidentEvent.StageChanged(stage, to), entry.Event);
            Assert.Equal(actor.UserId, entry.ActorUserId);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Make(incident, action, actor));
            Assert.Equal("incident.illegal-move", error.Code);
            Assert.Equal(before, Snapshot.Of(incident));
        }
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Repeating_a_move_that_already_happened_is_a_no_op(IncidentAction action)
    {
        var (from, _) = Moves[action];
        var incident = InStage(from[0]);
        Make(incident, action, DutyOfficer);
        var after = Snapshot.Of(incident);

        Make(incident, action, DutyOfficer);

        Assert.Equal(after, Snapshot.Of(incident));
    }

    [Fact]
    public void Resolving_completes_the_resolution_target()
    {
        var incident = InStage(Stage.Resolving);

        incident.Move(ZhangpuChair, IncidentAction.Resolve, MoveAt);

        var resolve = Assert.Single(incident.Steps, s => s.Kind == PlanStepKind.Resolve);
        Assert.Equal(MoveAt, resolve.CompletedAtUtc);
        Assert.Equal(ZhangpuChair.Name, resolve.CompletedBy);
    }

    [Fact]
    public void Closing_keeps_the_closure_cancels_open_steps_and_plans_the_follow_up_visit_for_the_end_of_the_chosen_day_in_China()
    {
        var incident = InStage(Stage.Resolved);
        var openBefore = incident.Steps.Where(s => s.IsOpen).ToList();
        var closure = new Closure(" 已全额支付 ", "移送公安", "早发现", new DateOnly(2026, 4, 15), Money.Zero);

        incident.Close(ZhangpuChair, closure, MoveAt);

        Assert.Equal(Stage.Closed, incident.Stage);
        Assert.Equal(MoveAt, incident.ClosedAtUtc);
        Assert.Equal("已全额支付", incident.Closure!.Outcome);
        Assert.NotEmpty(openBefore);
        Assert.All(openBefore, s => Assert.Equal(MoveAt, s.CancelledAtUtc));
        var visit = Assert.Single(incident.Steps, s => s.IsOpen);
        Assert.Equal(PlanStepKind.FollowUpVisit, visit.Kind);
        Assert.Equal(Roles.TownChair, visit.OwnerRole);
        Assert.Equal(ZhangpuId, visit.OwnerOrganisationId);
        Assert.Equal(new DateTime(2026, 4, 15, 15, 59, 0, DateTimeKind.Utc), visit.DueAtUtc);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(365, true)]
    [InlineData(366, false)]
    public void The_follow_up_visit_falls_between_today_and_a_year_ahead_in_China(int daysFromToday, bool accepted)
    {
        // 01:00 on 11 March in China, still 10 March in UTC: "today" is the 11th.
        var now = new DateTime(2026, 3, 10, 17, 0, 0, DateTimeKind.Utc);
        var incident = InStage(Stage.Resolved);
        var before = Snapshot.Of(incident);
        var closure = new Closure("已化解", "", "", new DateOnly(2026, 3, 11).AddDays(daysFromToday), Money.Zero);

        if (accepted)
        {
            incident.Close(ZhangpuChair, closure, now);
            Assert.Equal(Stage.Closed, incident.Stage);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => incident.Close(ZhangpuChair, closure, now));
            Assert.Equal("incident.follow-up-date", error.Code);
            Assert.Equal(before, Snapshot.Of(incident));
        }
    }

    [Fact]
    public void Closing_needs_an_outcome()
    {
        var incident = InStage(Stage.Resolved);
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() =>
            incident.Close(ZhangpuChair, ClosureAt(MoveAt) with { Outcome = "  " }, MoveAt));

        Assert.Equal("incident.outcome-required", error.Code);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_needs_a_reason(string reason)
    {
        var incident = InStage(Stage.Reported);
        var before = Snapshot.Of(incident);

        var error = Assert.Throws<DomainException>(() => incident.Cancel(ZhangpuChair, reason, MoveAt));

        Assert.Equal("incident.reason-required", error.Code);
        Assert.Equal(before, Snapshot.Of(incident));
    }

    [Fact]
    public void Cancelling_keeps_the_reason_and_stops_every_timer()
    {
        var incident = InStage(Stage.Responding);

        incident.Cancel(DutyOfficer, " 与 ZP-2026-0006 重复 ", MoveAt);

        Assert.Equal(Stage.Cancelled, incident.Stage);
        Assert.Equal("与 ZP-2026-0006 重复", incident.CancelReason);
        Assert.All(incident.Steps, s => Assert.False(s.IsOpen));
        Assert.All(incident.Steps, s => Assert.False(s.IsOverdue(MoveAt.AddDays(60))));
        Assert.Contains(incident.Timeline, e => e.Event == new IncidentEvent.Cancelled("与 ZP-2026-0006 重复"));
    }

    [Fact]
    public void Close_and_cancel_cannot_go_through_the_plain_move()
    {
        var incident = InStage(Stage.Resolved);

        // Refused as an illegal move (a client can send any action), and nothing changes.
        foreach (var action in new[] { IncidentAction.Close, IncidentAction.Cancel, IncidentAction.AddNote, (IncidentAction)99 })
        {
            Assert.Equal("incident.illegal-move", Assert.Throws<DomainException>(() => incident.Move(ZhangpuChair, action, MoveAt)).Code);
        }

        Assert.Equal(Stage.Resolved, incident.Stage);
    }

    private static void Make(Incident incident, IncidentAction action, Actor actor)
    {
        switch (action)
        {
            case IncidentAction.Close:
                incident.Close(actor, ClosureAt(MoveAt), MoveAt);
                break;
            case IncidentAction.Cancel:
                incident.Cancel(actor, "虚假报告", MoveAt);
                break;
            default:
                incident.Move(actor, action, MoveAt);
                break;
        }
    }
}
