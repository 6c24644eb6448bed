using Microsoft.Extensions.Hosting;

namespace Auth.Infrastructure.Hosting;

/// <summary>
/// A start-up task that, when the database is not there yet, goes on retrying in the background instead of holding
/// start-up. Stopping the host cancels the retries and waits for them; stopping again after disposal does nothing.
/// </summary>
public abstract class RetryingStartupTask : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _disposed;
    private Task _retries = Task.CompletedTask;

    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Starts the retry loop; it gets a token that is cancelled when the host stops.</summary>
    protected void RetryInBackground(Func<CancellationToken, Task> retries) => _retries = retries(_stopping.Token);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
            return; // a host stopped again after disposal: nothing is running any more
        await _stopping.CancelAsync();
        await _retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
