"""Gradient checking in numpy, as the course writes it: the yardstick for the TypeScript reference.

Used by test/fixtures/make_gradient_checking_fixtures.py (the course's test cases and the values
its notebook prints). Never imported by the product or the tests, which read the committed JSON.

The checker is the course's: central differences with a fixed epsilon = 1e-7 and the relative
difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||), "a mistake" above 2e-7. The
backward pass with its two planted bugs (dW2 doubled, db1 times 4) is the one the course hands out.
"""
import numpy as np

THRESHOLD = 2e-7


def forward_propagation(x, theta):
    return theta * x


def backward_propagation(x, theta):
    return x


def gradient_check(x, theta, epsilon=1e-7):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def relu(Z):
    return np.maximum(0, Z)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def forward_propagation_n(X, Y, parameters):
    m = X.shape[1]
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ["W1", "b1", "W2", "b2", "W3", "b3"])
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    log_probs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1. / m * np.sum(log_probs)
    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return cost, cache


def backward_propagation_n(X, Y, cache, planted=True):
    """The course's backward pass; with planted=True, its two planted bugs as it hands it out."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) * (2 if planted else 1)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = (4. if planted else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]


def dictionary_to_vector(parameters, prefix=""):
    return np.concatenate([np.reshape(parameters[prefix + k], (-1, 1)) for k in KEYS], axis=0)


def vector_to_dictionary(theta, like):
    parameters, at = {}, 0
    for k in KEYS:
        size = like[k].size
        parameters[k] = theta[at:at + size].reshape(like[k].shape)
        at += size
    return parameters


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    parameters_values = dictionary_to_vector(parameters)
    grad = dictionary_to_vector(gradients, "d")
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, parameters))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, parameters))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def gradient_check_n_test_case():
    """The course's test case: numpy seeded with 1, then X, and W1 ... b3 in order."""
    np.random.seed(1)
    x = np.random.randn(4, 3)
    y = np.array([[1, 1, 0]])
    parameters = {}
    for k, shape in zip(KEYS, [(5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1)]):
        parameters[k] = np.random.randn(*shape)
    return x, y, parameters
