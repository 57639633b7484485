using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;

namespace Disputes.Web.Features.Incidents;

/// <summary>
/// The log form as the officer typed it: strings, so that anything typed survives a reload and gets a message
/// saying what to fix, rather than being silently dropped by a numeric field.
/// </summary>
public sealed class IncidentDraft
{
    public string SubmissionId { get; set; } = Guid.NewGuid().ToString();
    public string? EnterpriseId { get; set; }
    public string? EnterpriseName { get; set; }
    public string? NewEnterprise { get; set; }
    public string? NewName { get; set; }
    public string? NewCreditCode { get; set; }
    public string? NewAddress { get; set; }
    public string? NewOwnership { get; set; }
    public string? Type { get; set; }
    public string? Workers { get; set; }
    public string? Wages { get; set; }
    public string? Months { get; set; }
    public string? Location { get; set; }
    public string? Facts { get; set; }
    public string? Description { get; set; }
    public string? OverrideGrade { get; set; }
    public string? OverrideReason { get; set; }

    /// <summary>"false" when the officer chose not to engage the plan's departments at once; engaging is the default.</summary>
    public string? EngageNow { get; set; }

    public bool IsNewEnterprise => NewEnterprise == "true";

    public Dictionary<string, string?> ToFields() =>
        typeof(IncidentDraft).GetProperties().Where(p => p.PropertyType == typeof(string))
            .ToDictionary(p => p.Name, p => (string?)p.GetValue(this));

    public static IncidentDraft FromFields(IReadOnlyDictionary<string, string?> fields)
    {
        var draft = new IncidentDraft();
        foreach (var property in typeof(IncidentDraft).GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
        {
            if (fields.TryGetValue(property.Name, out var value) && value is not null)
            {
                property.SetValue(draft, value.Length > 5000 ? value[..5000] : value);
            }
        }

        if (!Guid.TryParse(draft.SubmissionId, out _))
        {
            draft.SubmissionId = Guid.NewGuid().ToString();
        }

        return draft;
    }

    /// <summary>Checks everything at once; each problem is keyed by field, with an error code to localise.</summary>
    public (LogIncidentCommand? Command, Dictionary<string, string> Problems) ToCommand()
    {
        var problems = new Dictionary<string, string>();
        int? enterpriseId = null;
        NewEnterprise? newEnterprise = null;
        if (IsNewEnterprise)
        {
            if (string.IsNullOrWhiteSpace(NewName))
            {
                problems[nameof(NewName)] = "enterprise.name";
            }
            else if (NewName.Trim().Length > Enterprise.NameMaxLength)
            {
                problems[nameof(NewName)] = "enterprise.name";
            }

            if (!CreditCode.TryParse(NewCreditCode, out _, out var codeError))
            {
                problems[nameof(NewCreditCode)] = codeError!;
            }

            if ((NewAddress ?? string.Empty).Length > Enterprise.TextMaxLength)
            {
                problems[nameof(NewAddress)] = "incident.location-length";
            }

            newEnterprise = new NewEnterprise(NewName?.Trim() ?? string.Empty, NewCreditCode ?? string.Empty, NewAddress ?? string.Empty,
                Enum.TryParse<Ownership>(NewOwnership, out var ownership) && Enum.IsDefined(ownership) ? ownership : Ownership.Domestic);
        }
        else if (int.TryParse(EnterpriseId, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            enterpriseId = id;
        }
        else
        {
            problems[nameof(EnterpriseId)] = "incident.enterprise-required";
        }

        if (!Enum.TryParse<IncidentType>(Type, out var type) || !Enum.IsDefined(type))
        {
            problems[nameof(Type)] = "incident.type-required";
        }

        var workers = ParseCount(Workers, nameof(Workers), 1, IncidentReport.MaxWorkers, "incident.workers-range", problems, required: true);
        var months = ParseCount(Months, nameof(Months), 0, IncidentReport.MaxMonthsInArrears, "incident.months-range", problems, required: false);

        var wages = Money.Zero;
        if (!string.IsNullOrWhiteSpace(Wages) && !Money.TryParse(Wages, out wages, out var moneyError))
        {
            problems[nameof(Wages)] = moneyError!;
        }

        if ((Location ?? string.Empty).Length > IncidentReport.LocationMaxLength)
        {
            problems[nameof(Location)] = "incident.location-length";
        }

        if ((Description ?? string.Empty).Length > IncidentReport.DescriptionMaxLength)
        {
            problems[nameof(Description)] = "incident.description-length";
        }

        // A pasted control character or half a surrogate pair is named on its field, where the officer can delete it.
        foreach (var (field, text) in new[] { (nameof(NewName), NewName), (nameof(NewAddress), NewAddress), (nameof(Location), Location),
                     (nameof(Description), Description), (nameof(OverrideReason), OverrideReason) })
        {
            if (!TypedText.IsClean(text) && (field is not (nameof(NewName) or nameof(NewAddress)) || IsNewEnterprise))
            {
                problems.TryAdd(field, TypedText.CharactersError);
            }
        }

        GradeOverride? gradeOverride = null;
        if (Enum.TryParse<SeverityGrade>(OverrideGrade, out var grade) && Enum.IsDefined(grade))
        {
            if (string.IsNullOrWhiteSpace(OverrideReason) || OverrideReason.Length > IncidentReport.ReasonMaxLength)
            {
                problems[nameof(OverrideReason)] = "incident.grade-reason-required";
            }

            gradeOverride = new GradeOverride(grade, OverrideReason ?? string.Empty);
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var facts = int.TryParse(Facts, CultureInfo.InvariantCulture, out var f) ? (AggravatingFacts)f : AggravatingFacts.None;
        return (new LogIncidentCommand(Guid.Parse(SubmissionId), enterpriseId, newEnterprise, type, workers, wages, months,
            Location ?? string.Empty, facts, Description ?? string.Empty, gradeOverride, EngageNow != "false"), problems);
    }

    private static int ParseCount(string? text, string field, int min, int max, string error, Dictionary<string, string> problems, bool required)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0 && !required)
        {
            return 0;
        }

        // Full-width digits come from Chinese keyboards.
        var normalised = new string(trimmed.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray()).Replace("人", "").Replace("个月", "").Replace("月", "");
        if (int.TryParse(normalised, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems[field] = error;
        return 0;
    }
}
