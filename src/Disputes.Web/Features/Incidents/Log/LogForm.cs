using System.Globalization;
using Disputes.Domain;
using Disputes.Domain.Enterprises;
using Disputes.Domain.Incidents;
using Disputes.Domain.Organisations;
using Disputes.Domain.Playbooks;
using Disputes.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Disputes.Web.Features.Incidents.Log;

/// <summary>
/// What the log form's sections share: the draft as typed, the problems found in it, the enterprise picked
/// and what follows from them (the suggested grade, the departments to engage). Saving the draft is the page's.
/// </summary>
public sealed class LogForm(IStringLocalizer<SharedResource> localizer)
{
    public IncidentDraft Draft { get; private set; } = new();

    public Dictionary<string, string> Problems { get; set; } = [];

    public EnterpriseOption? Enterprise { get; set; }

    /// <summary>The number of an incident still open at the picked enterprise, to open it rather than log it twice.</summary>
    public string? OpenIncident { get; set; }

    /// <summary>Null until loaded: the form renders before the playbook arrives.</summary>
    public Playbook? Playbook { get; set; }

    public bool EngageNow => Draft.EngageNow != "false";

    public AggravatingFacts Facts => int.TryParse(Draft.Facts, out var f) ? (AggravatingFacts)f : AggravatingFacts.None;

    public IReadOnlyList<DepartmentKind> Required =>
        Playbook is not null && Enum.TryParse<IncidentType>(Draft.Type, out var type) ? Playbook.RequiredFor(type) : [];

    public SeverityGrade Suggested => (Playbook?.Grading ?? new GradingRules()).Suggest(
        int.TryParse(Draft.Workers, out var w) ? w : 0,
        Money.TryParse(Draft.Wages, out var m, out _) ? m : Money.Zero,
        Facts,
        Enum.TryParse<IncidentType>(Draft.Type, out var t) ? t : IncidentType.Other,
        Draft.IsNewEnterprise ? (Enum.TryParse<Ownership>(Draft.NewOwnership, out var o) ? o : Ownership.Domestic) : Enterprise?.Ownership ?? Ownership.Domestic);

    public bool Has(string field) => Problems.ContainsKey(field);

    public string? ErrorText(string field) => Problems.TryGetValue(field, out var code) ? localizer[$"Error.{code}"].Value : null;

    public void SetEngageNow(bool engage) => Draft.EngageNow = engage ? null : "false";

    public void ToggleFact(AggravatingFacts fact, bool on) =>
        Draft.Facts = ((int)(on ? Facts | fact : Facts & ~fact)).ToString(CultureInfo.InvariantCulture);

    public void SetNewEnterprise(bool isNew)
    {
        Problems.Remove(nameof(IncidentDraft.EnterpriseId));
        OpenIncident = null;
        if (isNew)
        {
            Enterprise = null;
        }

        Draft.NewEnterprise = isNew ? "true" : null;
        Draft.EnterpriseId = null;
        Draft.EnterpriseName = null;
    }

    /// <summary>Picking an enterprise fills an empty location with its address.</summary>
    public void Choose(EnterpriseOption? enterprise, string? openIncident)
    {
        Enterprise = enterprise;
        OpenIncident = openIncident;
        Problems.Remove(nameof(IncidentDraft.EnterpriseId));
        Draft.EnterpriseId = enterprise?.Id.ToString(CultureInfo.InvariantCulture);
        Draft.EnterpriseName = enterprise?.Name;
        if (enterprise is not null && string.IsNullOrWhiteSpace(Draft.Location))
        {
            Draft.Location = enterprise.Address;
        }
    }

    public void CheckCreditCode()
    {
        if (string.IsNullOrWhiteSpace(Draft.NewCreditCode) || CreditCode.TryParse(Draft.NewCreditCode, out _, out var error))
        {
            Problems.Remove(nameof(IncidentDraft.NewCreditCode));
        }
        else
        {
            Problems[nameof(IncidentDraft.NewCreditCode)] = error!;
        }
    }

    /// <summary>Takes a draft saved in the browser; true when it holds anything the officer typed.</summary>
    public bool Restore(IReadOnlyDictionary<string, string?> fields)
    {
        Draft = IncidentDraft.FromFields(fields);
        return fields.Any(f => f.Key != nameof(IncidentDraft.SubmissionId) && !string.IsNullOrEmpty(f.Value));
    }

    public void Reset()
    {
        Draft = new IncidentDraft();
        Enterprise = null;
        OpenIncident = null;
        Problems = [];
    }
}
