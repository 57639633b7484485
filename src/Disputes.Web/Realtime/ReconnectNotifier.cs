using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Disputes.Web.Realtime;

/// <summary>
/// Tells a page that its circuit came back after a dropped connection (a phone lost signal). The page then
/// re-reads what it shows instead of trusting that it missed nothing.
/// </summary>
public sealed class ReconnectNotifier : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown && Reconnected is { } handlers)
        {
            _wasDown = false;
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
