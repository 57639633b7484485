using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Web.Components;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Home;

/// <summary>How the home lists name steps and time, in the reader's language: as the incident page does, in words.</summary>
public static class HomeText
{
    /// <summary>"书面报告", "签收 · 司法", "进展续报 #2".</summary>
    public static string StepTitle(this IStringLocalizer localizer, PlanStepKind kind, DepartmentKind? department, int sequence)
    {
        var title = department is { } d ? $"{localizer.Text(kind)} · {localizer.Text(d)}" : localizer.Text(kind);
        return kind == PlanStepKind.ProgressUpdate ? $"{title} #{sequence}" : title;
    }

    public static string StepTitle(this IStringLocalizer localizer, WorkStep step) => localizer.StepTitle(step.Kind, step.Department, step.Sequence);

    /// <summary>"已超时 1 小时 5 分钟" or "剩余 25 分钟", then the due time in China time.</summary>
    public static string Countdown(this IStringLocalizer localizer, DateTime dueAtUtc, DateTime nowUtc)
    {
        var left = dueAtUtc - nowUtc;
        var words = left > TimeSpan.Zero
            ? localizer["Step.DueIn", localizer.Duration((int)Math.Ceiling(left.TotalMinutes))]
            : localizer["Step.OverdueBy", localizer.Duration(Math.Max(1, (int)-left.TotalMinutes))];
        return $"{words} · {localizer["Step.Due", ChinaClock(dueAtUtc)]}";
    }

    public static string ChinaClock(DateTime utc) => ChinaTime.FromUtc(utc).ToString("MM-dd HH:mm");
}
