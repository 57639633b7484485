namespace Disputes.Domain.Enterprises;

/// <summary>An employer in the registry (企业), identified by its unified social credit code.</summary>
public sealed class Enterprise
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 200;

    private Enterprise()
    {
        Name = Address = Industry = LegalRepresentative = Contact = string.Empty;
    }

    public Enterprise(string name, CreditCode creditCode, int townId, string address, string industry,
        Ownership ownership, int headcount, string legalRepresentative, string contact)
        : this()
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength)
        {
            throw new DomainException("enterprise.name", $"An enterprise name has 1 to {NameMaxLength} characters.");
        }

        if (creditCode.Value is null)
        {
            throw new DomainException("credit-code.required", "An enterprise needs its unified social credit code.");
        }

        if (headcount < 0)
        {
            throw new DomainException("enterprise.headcount", "Headcount cannot be negative.");
        }

        Name = name.Trim();
        CreditCode = creditCode;
        TownId = townId;
        Address = address;
        Industry = industry;
        Ownership = ownership;
        Headcount = headcount;
        LegalRepresentative = legalRepresentative;
        Contact = contact;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public CreditCode CreditCode { get; private set; }

    /// <summary>The town union whose area the enterprise is in.</summary>
    public int TownId { get; private set; }

    public string Address { get; private set; }

    public string Industry { get; private set; }

    public Ownership Ownership { get; private set; }

    public int Headcount { get; private set; }

    /// <summary>法定代表人</summary>
    public string LegalRepresentative { get; private set; }

    /// <summary>Contact person and phone as given; masked on screen.</summary>
    public string Contact { get; private set; }
}
