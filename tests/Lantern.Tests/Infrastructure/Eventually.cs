namespace Lantern.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes: tests never sleep for a fixed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        if (!await HoldsWithinAsync(condition, within ?? TimeSpan.FromSeconds(30)))
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within);

    /// <summary>Whether the condition came to hold within the time, for a test that goes another way when it did not.</summary>
    public static async Task<bool> HoldsWithinAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
