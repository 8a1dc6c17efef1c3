namespace Lantern.GuardBench;

/// <summary>
/// One answered scan: the HTTP call as the client saw it, and the time the endpoint reported for each check (zero for a
/// check that did not run).
/// </summary>
internal readonly record struct ScanSample(double HttpMs, double InjectionMs, double ToxicityMs, double PiiMs)
{
    public double ModelsMs => InjectionMs + ToxicityMs;
}
