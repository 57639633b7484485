using System.Text.Json;
using StackExchange.Redis;

namespace Disputes.Web.Realtime;

/// <summary>
/// Carries committed changes between app instances over a Redis channel. Only these messages cross Redis:
/// Blazor's circuits and the hub's connections stay on their own instance (aspnetcore issue 58971: a SignalR
/// Redis backplane would put circuit traffic on Redis too, and a Redis outage would freeze every page).
/// While Redis is down each instance keeps serving its own users; the multiplexer reconnects by itself and
/// re-subscribes, and pages re-read on reconnect rather than trusting that nothing was missed.
/// </summary>
public sealed class RedisRelay(IncidentEvents events, IConfiguration configuration, ILogger<RedisRelay> logger) : IHostedService, IAsyncDisposable
{
    public const string Channel = "disputes:incidents";

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? _redis;

    private sealed record Envelope(string Instance, IncidentChange Change);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration["Redis:Configuration"]!);
        // Start even when Redis is down: it is optional, the app is not.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        _redis.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({Failure}); live updates stay on this instance", e.FailureType);
        _redis.ConnectionRestored += (_, _) => logger.LogInformation("Redis connection restored; live updates cross instances again");

        await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Channel), (channel, message) =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is not null && envelope.Instance != _instance)
            {
                _ = events.DeliverLocallyAsync(envelope.Change);
            }
        });
        events.Published += PublishAsync;
    }

    private async Task PublishAsync(IncidentChange change)
    {
        if (_redis is not { IsConnected: true })
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), JsonSerializer.Serialize(new Envelope(_instance, change)), CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not relay {Number} to other instances", change.Number);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.Published -= PublishAsync;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
