namespace Disputes.Domain.Workers;

/// <summary>Where recovered wages came from.</summary>
public enum RecoverySource
{
    /// <summary>企业支付</summary>
    Employer,

    /// <summary>欠薪保障金垫付</summary>
    WageGuaranteeFund,

    /// <summary>资产处置</summary>
    AssetDisposal,

    /// <summary>法院强制执行</summary>
    CourtEnforcement,
}

/// <summary>One payment recovered for one worker.</summary>
public sealed class Recovery
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Money Amount { get; init; }
    public RecoverySource Source { get; init; }
    public DateTime RecordedAtUtc { get; init; }
    public string RecordedBy { get; init; } = string.Empty;
    public string Note { get; init; } = string.Empty;
}

/// <summary>A line of the worker roster: who is owed how much, and what has been recovered for them.</summary>
public sealed class WorkerClaim
{
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;

    private WorkerClaim()
    {
    }

    public WorkerClaim(string name, ResidentIdNumber idNumber, string phone, Money amountOwed)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            throw new DomainException("roster.name-missing", "A worker has a name of 1 to 50 characters.");
        }

        if (amountOwed.Fen <= 0)
        {
            throw new DomainException("roster.amount-missing", "A worker on the roster is owed something.");
        }

        Id = Guid.CreateVersion7();
        Name = name.Trim();
        IdNumber = idNumber;
        Phone = (phone ?? string.Empty).Trim();
        if (Phone.Length > PhoneMaxLength)
        {
            throw new DomainException("roster.phone-format", "The phone number is too long.");
        }

        AmountOwed = amountOwed;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>Stored whole (it identifies the worker to the wage guarantee fund); shown masked.</summary>
    public ResidentIdNumber IdNumber { get; private set; }

    public string Phone { get; private set; } = string.Empty;

    public Money AmountOwed { get; private set; }

    public List<Recovery> Recoveries { get; private set; } = [];

    public Money Recovered => Recoveries.Aggregate(Money.Zero, (total, r) => total + r.Amount);

    public Money Outstanding => AmountOwed - Recovered;

    internal void Record(Recovery recovery)
    {
        if (recovery.Amount.Fen <= 0)
        {
            throw new DomainException("roster.recovery-amount", "A recovery is a positive amount.");
        }

        if (recovery.Amount > Outstanding)
        {
            throw new DomainException("roster.recovery-exceeds", "More than is still owed.");
        }

        Recoveries.Add(recovery);
    }
}
