namespace Lantern.Tests.Infrastructure;

/// <summary>
/// Where tests put files: the run's work directory (<c>LANTERN_TEST_WORK_DIR</c>, which test.sh deletes when the run
/// ends), or the system's temporary directory when the tests run without test.sh.
/// </summary>
public static class TestWorkDirectory
{
    public static string Root => Environment.GetEnvironmentVariable("LANTERN_TEST_WORK_DIR") ?? Path.GetTempPath();

    /// <summary>A new, empty directory named <paramref name="prefix"/> and a random suffix.</summary>
    public static string Create(string prefix) => Directory.CreateDirectory(Path.Combine(Root, prefix + Guid.NewGuid().ToString("N")[..12])).FullName;
}
