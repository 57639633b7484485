using Disputes.Domain.Escalation;
using Disputes.Domain.Incidents;
using Disputes.Domain.Incidents.History;
using Disputes.Web.Features.Escalation;
using Disputes.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Disputes.Web.Tests.Escalation.EscalationScenario;

namespace Disputes.Web.Tests.Escalation;

/// <summary>The app on real time: Hangfire's in-memory storage and its 1 s polling, SQLite, the real clock.</summary>
public sealed class HangfireEscalationTests : IAsyncLifetime
{
    /// <summary>The target is p95 ≤ 500 ms (see the benchmark); one step on a shared CI machine is given a second.</summary>
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    private readonly DisputesAppFactory _app = new() { UseSystemClock = true };

    public Task InitializeAsync()
    {
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public async Task A_step_due_in_a_few_seconds_escalates_at_its_due_time_never_before(int seconds)
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);
        var due = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(seconds);

        await DueAtAsync(_app, step.Id, due);
        var escalations = await EventuallyAsync(() => EscalationsAsync(_app, number), e => e.Count > 0, TimeSpan.FromSeconds(seconds + 10));

        var escalation = Assert.Single(escalations);
        Assert.Equal(1, escalation.Level);
        Assert.Equal(due, escalation.DueAtUtc);
        Assert.InRange(escalation.EscalatedAtUtc - due, TimeSpan.Zero, Target);
        Assert.Equal(["zp.chair", "zp.officer"], await NotifiedAsync(_app, number, 1, step.Id));
    }

    [Fact]
    public async Task When_jobs_and_sweeps_race_the_step_escalates_exactly_once()
    {
        var number = await LogAsync(_app);
        var step = await StepAsync(_app, number, PlanStepKind.ArriveOnScene);
        await DueAtAsync(_app, step.Id, TimeProvider.System.GetUtcNow().UtcDateTime.AddMilliseconds(-10));
        var jobs = _app.Services.GetRequiredService<IBackgroundJobClient>();

        var racers = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            jobs.Enqueue<EscalationJobs>(j => j.EscalateStepAsync(step.Id, CancellationToken.None));
            jobs.Enqueue<EscalationJobs>(j => j.SweepAsync(CancellationToken.None));
            racers.Add(Task.Run(() => SweepAsync(_app)));
            racers.Add(Task.Run(async () =>
            {
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EscalationJobs>().EscalateStepAsync(step.Id, CancellationToken.None);
            }));
        }

        await Task.WhenAll(racers);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var escalation = Assert.Single(await EscalationsAsync(_app, number), e => e.StepId == step.Id);
        Assert.Equal(1, escalation.Level);
        Assert.Equal(["zp.chair", "zp.officer"], await NotifiedAsync(_app, number, 1, step.Id));
        Assert.Single(await EscalationEntriesAsync(_app, number), t => t.Event is IncidentEvent.Escalated { Level: 1, Step.Kind: PlanStepKind.ArriveOnScene });
        Assert.Equal(EscalationReason.Overdue, escalation.Reason);
    }
}
