namespace EnergyGate.Core.Energy.Nvml;

/// <summary>The nvmlReturn_t codes this library tells apart (values from nvml.h).</summary>
public enum NvmlReturn
{
    /// <summary>NVML_SUCCESS.</summary>
    Success = 0,

    /// <summary>NVML_ERROR_UNINITIALIZED.</summary>
    Uninitialized = 1,

    /// <summary>NVML_ERROR_INVALID_ARGUMENT.</summary>
    InvalidArgument = 2,

    /// <summary>NVML_ERROR_NOT_SUPPORTED: e.g. total energy before Volta.</summary>
    NotSupported = 3,

    /// <summary>NVML_ERROR_NO_PERMISSION.</summary>
    NoPermission = 4,

    /// <summary>NVML_ERROR_NOT_FOUND.</summary>
    NotFound = 6,

    /// <summary>NVML_ERROR_INSUFFICIENT_SIZE.</summary>
    InsufficientSize = 7,

    /// <summary>NVML_ERROR_DRIVER_NOT_LOADED.</summary>
    DriverNotLoaded = 9,

    /// <summary>NVML_ERROR_LIBRARY_NOT_FOUND.</summary>
    LibraryNotFound = 12,

    /// <summary>NVML_ERROR_FUNCTION_NOT_FOUND: also returned by this library for a missing export.</summary>
    FunctionNotFound = 13,

    /// <summary>NVML_ERROR_GPU_IS_LOST.</summary>
    GpuIsLost = 15,

    /// <summary>NVML_ERROR_UNKNOWN.</summary>
    Unknown = 999,
}
