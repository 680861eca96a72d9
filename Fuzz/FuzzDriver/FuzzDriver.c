// The declaration in FuzzDriver.h is all this module provides; SwiftPM needs one source file.
#include "FuzzDriver.h"
