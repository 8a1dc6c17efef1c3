namespace Lantern.Silo;

/// <summary>The one meter of the silo assembly; instrument names follow Prometheus style.</summary>
public static class SiloMeter
{
    public const string Name = "Lantern.Silo";
}
