using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;

namespace Disputes.Domain.Reports;

public enum BulletinParagraphKind
{
    /// <summary>The period's figures.</summary>
    Summary,

    /// <summary>One notable incident, told from its history and closure.</summary>
    Incident,
}

/// <summary>Which line of the footer (版记) a recipient is on.</summary>
public enum RecipientLine
{
    /// <summary>报: sent up to.</summary>
    SentTo,

    /// <summary>发: distributed to.</summary>
    DistributedTo,
}

/// <summary>A paragraph as issued, with the text the composer drafted: an editor's rewording is kept beside it.</summary>
public sealed class BulletinParagraph
{
    public const int HeadingMaxLength = 200;
    public const int TextMaxLength = 4000;

    public BulletinParagraphKind Kind { get; init; }

    /// <summary>The incident an <see cref="BulletinParagraphKind.Incident"/> paragraph tells; null for the summary.</summary>
    public string? IncidentNumber { get; init; }

    /// <summary>Empty for the summary.</summary>
    public string Heading { get; init; } = string.Empty;

    /// <summary>What the composer wrote from the figures, or from the incident's history and closure.</summary>
    public string DraftText { get; init; } = string.Empty;

    /// <summary>What was issued.</summary>
    public string Text { get; init; } = string.Empty;

    public bool IsEdited => Text != DraftText;
}

/// <summary>An organisation of the directory on the 报 or 发 line, named as it was called when the bulletin was issued.</summary>
public sealed class BulletinRecipient
{
    public RecipientLine Line { get; init; }
    public int OrganisationId { get; init; }
    public string Name { get; init; } = string.Empty;
    public string NameEn { get; init; } = string.Empty;

    public string DisplayName(bool chinese) => chinese ? Name : NameEn;
}

/// <summary>
/// 工作简报: the federation's periodic report, issued once and kept as issued — numbered within its year (2026年第3期), with its
/// title block, paragraphs and the 报/发 footer. Nothing changes it afterwards; a correction is a new issue.
/// </summary>
public sealed class Bulletin
{
    public const int NameMaxLength = 50;
    public const int MaxParagraphs = 1000;

    private readonly List<BulletinParagraph> _paragraphs = [];
    private readonly List<BulletinRecipient> _recipients = [];

    private Bulletin()
    {
    }

    public int Id { get; private set; }

    /// <summary>The year of <see cref="IssuedOn"/>; issues are numbered 1, 2, … within it.</summary>
    public int Year { get; private set; }

    public int Number { get; private set; }

    /// <summary>The bulletin's name, 工作简报 unless the editor called it otherwise.</summary>
    public string Name { get; private set; } = string.Empty;

    public int IssuerOrganisationId { get; private set; }

    /// <summary>The issuing organisation, as it was called then.</summary>
    public string Issuer { get; private set; } = string.Empty;

    public string IssuerEn { get; private set; } = string.Empty;

    /// <summary>The date on the title block, in China.</summary>
    public DateOnly IssuedOn { get; private set; }

    public DateOnly PeriodFrom { get; private set; }

    public DateOnly PeriodTo { get; private set; }

    /// <summary>The language it was written in (zh-CN or en).</summary>
    public string Culture { get; private set; } = string.Empty;

    public DateTime IssuedAtUtc { get; private set; }

    public string IssuedByUserId { get; private set; } = string.Empty;

    public string IssuedBy { get; private set; } = string.Empty;

    public IReadOnlyList<BulletinParagraph> Paragraphs => _paragraphs.AsReadOnly();

    public IReadOnlyList<BulletinRecipient> Recipients => _recipients.AsReadOnly();

    public ReportPeriod Period => new(PeriodFrom, PeriodTo);

    public IEnumerable<BulletinRecipient> On(RecipientLine line) => _recipients.Where(r => r.Line == line);

    /// <summary>Issues a bulletin under the next number of its year (the caller finds it; the database keeps it unique).</summary>
    /// <param name="issuer">The actor's organisation, the issuer on the title block.</param>
    public static Bulletin Issue(Actor actor, Organisation issuer, int number, string name, ReportPeriod period, string culture,
        IReadOnlyList<BulletinParagraph> paragraphs, IReadOnlyList<BulletinRecipient> recipients, DateTime nowUtc)
    {
        if (!actor.IsIn(Roles.FederationDutyOfficer) || issuer.Id != actor.OrganisationId)
        {
            throw new DomainException("bulletin.not-allowed", $"{actor.Name} may not issue bulletins.");
        }

        var issuedOn = DateOnly.FromDateTime(ChinaTime.FromUtc(nowUtc));
        var trimmedName = (name ?? string.Empty).Trim();
        if (trimmedName.Length is 0 or > NameMaxLength)
        {
            throw new DomainException("bulletin.name", "A bulletin has a name of 1 to 50 characters.");
        }

        if (period.Problem() is { } problem)
        {
            throw new DomainException(problem, "The period is not sound.");
        }

        if (period.From > issuedOn)
        {
            throw new DomainException("period.future", "A bulletin reports on what has happened.");
        }

        if (paragraphs.Count is 0 or > MaxParagraphs || paragraphs.Count(p => p.Kind == BulletinParagraphKind.Summary) != 1)
        {
            throw new DomainException("bulletin.paragraphs", "A bulletin has one summary and at most a thousand paragraphs.");
        }

        if (paragraphs.Any(p => string.IsNullOrWhiteSpace(p.Text)))
        {
            throw new DomainException("bulletin.paragraph-empty", "Every paragraph says something.");
        }

        if (paragraphs.Any(p => p.Text.Trim().Length > BulletinParagraph.TextMaxLength || p.Heading.Trim().Length > BulletinParagraph.HeadingMaxLength))
        {
            throw new DomainException("bulletin.paragraph-length", "A paragraph is at most 4000 characters, its heading 200.");
        }

        // A control character cannot be written into the Word file the bulletin is sent as.
        TypedText.Demand([trimmedName, .. paragraphs.SelectMany(p => new[] { p.Heading, p.Text })]);

        if (paragraphs.Where(p => p.IncidentNumber is not null).GroupBy(p => p.IncidentNumber).Any(g => g.Count() > 1))
        {
            throw new DomainException("bulletin.paragraphs", "An incident is told once.");
        }

        if (!recipients.Any(r => r.Line == RecipientLine.DistributedTo))
        {
            throw new DomainException("bulletin.recipients-required", "A bulletin is distributed to someone.");
        }

        var bulletin = new Bulletin
        {
            Year = issuedOn.Year,
            Number = number,
            Name = trimmedName,
            IssuerOrganisationId = issuer.Id,
            Issuer = issuer.Name,
            IssuerEn = issuer.NameEn,
            IssuedOn = issuedOn,
            PeriodFrom = period.From,
            PeriodTo = period.To,
            Culture = culture,
            IssuedAtUtc = nowUtc,
            IssuedByUserId = actor.UserId,
            IssuedBy = actor.Name,
        };
        bulletin._paragraphs.AddRange(paragraphs.Select(p => new BulletinParagraph
        {
            Kind = p.Kind,
            IncidentNumber = p.IncidentNumber,
            Heading = p.Heading.Trim(),
            DraftText = p.DraftText.Trim(),
            Text = p.Text.Trim(),
        }));
        bulletin._recipients.AddRange(recipients.DistinctBy(r => (r.Line, r.OrganisationId)));
        return bulletin;
    }
}
