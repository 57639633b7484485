namespace Disputes.Domain.Incidents;

/// <summary>结案: the outcome, the wages recovered in all, referrals, a short lessons-learned and the date of the follow-up visit.</summary>
public sealed record Closure(string Outcome, string Referrals, string LessonsLearned, DateOnly FollowUpDate, Money Recovered)
{
    public const int TextMaxLength = 2000;

    /// <summary>The day the plan puts the follow-up visit on: its follow-up duration after today, in China.</summary>
    public static DateOnly DefaultFollowUpDate(Playbooks.Playbook playbook, SeverityGrade grade, DateTime nowUtc) =>
        DateOnly.FromDateTime(ChinaTime.FromUtc(nowUtc + playbook.DurationOf(PlanStepKind.FollowUpVisit, grade.Band())));
}

/// <summary>A photo or document kept in the file store under <see cref="StorageKey"/>.</summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string FileName { get; init; } = string.Empty;
    public string ContentType { get; init; } = string.Empty;
    public long SizeBytes { get; init; }
    public string StorageKey { get; init; } = string.Empty;
    public DateTime UploadedAtUtc { get; init; }
    public string UploadedBy { get; init; } = string.Empty;
    public string UploadedByUserId { get; init; } = string.Empty;
}
