namespace Disputes.Domain;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is a stable key the web layer localises;
/// the message is for logs.
/// </summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
