using Disputes.Web.Components;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Escalation;

/// <summary>What an escalation is about, in the reader's language: the step (and department), or the major-incident alert.</summary>
public static class EscalationText
{
    public static string Subject(IStringLocalizer localizer, EscalationNotice notice) =>
        notice.Kind is not { } kind ? localizer["Escalation.MajorIncident"]
        : notice.Department is { } department ? $"{localizer.Text(kind)}（{localizer.Text(department)}）"
        : localizer.Text(kind);
}
