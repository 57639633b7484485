using Disputes.Domain;
using Disputes.Domain.Incidents;
using Disputes.Domain.Reports;
using Disputes.Web.Features.Reports;

namespace Disputes.Web.Features.Bulletins;

/// <summary>A paragraph being edited: the composer's draft and the editor's text, which starts as the draft.</summary>
public sealed class DraftParagraph(string heading, string draftText)
{
    public string Heading { get; } = heading;

    public string DraftText { get; } = draftText;

    public string Text { get; set; } = draftText;

    public bool IsEdited => Text.Trim() != DraftText.Trim();

    public void Restore() => Text = DraftText;
}

/// <summary>An incident of the period the editor may tell in the bulletin; grade I–III ones are chosen to begin with.</summary>
public sealed class BulletinCandidate
{
    public required string Number { get; init; }
    public required string Enterprise { get; init; }
    public required string Town { get; init; }
    public required string TownEn { get; init; }
    public required IncidentType Type { get; init; }
    public required SeverityGrade Grade { get; init; }
    public required Stage Stage { get; init; }
    public required DateTime ReportedAtUtc { get; init; }

    /// <summary>Grade I–III: told unless the editor leaves it out.</summary>
    public bool Notable => Grade <= SeverityGrade.III;

    public bool Selected { get; set; }

    /// <summary>Composed when first chosen, and kept (with any edit) if it is unchosen and chosen again.</summary>
    public DraftParagraph? Paragraph { get; set; }

    public string TownName(bool chinese) => chinese ? Town : TownEn;
}

/// <summary>The period's figures, for the summary paragraph and the table beside it.</summary>
public sealed record BulletinFigures(
    int Incidents,
    int Workers,
    Money WagesOwed,
    IReadOnlyDictionary<SeverityGrade, int> ByGrade,
    int Closed,
    Money RecoveredAtClosure,
    IReadOnlyDictionary<Domain.Workers.RecoverySource, Money> RecoveredBySource,
    ResponseTimeTable ResponseTimes)
{
    public Money RecoveredInLedger => RecoveredBySource.Values.Aggregate(Money.Zero, (total, m) => total + m);
}

/// <summary>A bulletin before it is issued: what the composer drafted and what the editor has chosen and reworded so far.</summary>
public sealed class BulletinDraft
{
    public required string Name { get; set; }

    public required ReportPeriod Period { get; init; }

    public required string Culture { get; init; }

    public required BulletinFigures Figures { get; init; }

    public required DraftParagraph Summary { get; init; }

    public required IReadOnlyList<BulletinCandidate> Candidates { get; init; }

    /// <summary>More incidents happened in the period than the composer lists (<see cref="BulletinComposer.MaxCandidates"/>).</summary>
    public bool CandidatesCut { get; init; }

    public HashSet<int> SentTo { get; } = [];

    public HashSet<int> DistributedTo { get; } = [];

    public IEnumerable<BulletinCandidate> Chosen => Candidates.Where(c => c.Selected && c.Paragraph is not null);

    /// <summary>The paragraphs as they would be issued: the summary, then each chosen incident in the list's order.</summary>
    public IReadOnlyList<BulletinParagraph> Paragraphs() =>
    [
        new BulletinParagraph { Kind = BulletinParagraphKind.Summary, DraftText = Summary.DraftText, Text = Summary.Text },
        .. Chosen.Select(c => new BulletinParagraph
        {
            Kind = BulletinParagraphKind.Incident,
            IncidentNumber = c.Number,
            Heading = c.Paragraph!.Heading,
            DraftText = c.Paragraph.DraftText,
            Text = c.Paragraph.Text,
        }),
    ];
}
